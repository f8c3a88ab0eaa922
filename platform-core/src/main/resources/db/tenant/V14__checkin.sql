-- Check-in at the door. A ticket is admitted once: the first scan sets checked_in_at in a single
-- conditional UPDATE (checked_in_at IS NULL AND status = 'VALID' in its WHERE), so of two scanners
-- scanning the same ticket at once, on any nodes, exactly one admits; the other is told when and by whom.
ALTER TABLE ticket ADD COLUMN checked_in_at     timestamptz;
ALTER TABLE ticket ADD COLUMN checked_in_by     varchar(320);
ALTER TABLE ticket ADD COLUMN checked_in_device varchar(100);
CREATE INDEX ticket_type_idx ON ticket (ticket_type_id);

-- Every scan and its answer, admitted or not (forged passes too), for staff counts and for the record.
-- code is the ticket code the scan named when it could be trusted (a genuine pass or a typed code).
CREATE TABLE checkin_scan (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    bigint       NOT NULL REFERENCES event (id),
    ticket_id   uuid         REFERENCES ticket (id),
    code        varchar(40),
    admitted    boolean      NOT NULL,
    outcome     varchar(20)  NOT NULL CHECK (outcome IN ('ADMITTED', 'ALREADY_ADMITTED', 'VOIDED', 'OTHER_EVENT',
                                                         'UNKNOWN_TICKET', 'FORGED', 'OTHER_SHOP', 'UNREADABLE')),
    staff       varchar(320) NOT NULL,
    device      varchar(100),
    scanned_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK (admitted = (outcome = 'ADMITTED'))
);
CREATE INDEX checkin_scan_event_idx ON checkin_scan (event_id, scanned_at);
CREATE INDEX checkin_scan_ticket_idx ON checkin_scan (ticket_id);
