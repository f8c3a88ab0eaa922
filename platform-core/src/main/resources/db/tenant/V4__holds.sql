-- Holds: tickets set aside for a buyer until they pay or the hold expires.
--
-- Every held (later: sold) ticket is one row of hold_slot. The stock engine hands out numbered
-- slots 1..capacity per ticket type, and the unique index on (ticket_type_id, slot) is the final
-- guard: whatever the cluster believes, PostgreSQL never stores one slot twice. The database-only
-- strategies (kept for comparison) count in ticket_type.taken instead and leave slot empty; the
-- CHECK on taken is their guard.
ALTER TABLE ticket_type
    ADD COLUMN taken         integer NOT NULL DEFAULT 0,
    ADD COLUMN stock_version bigint  NOT NULL DEFAULT 0,
    ADD CONSTRAINT ticket_type_taken CHECK (taken >= 0 AND taken <= capacity);

CREATE TABLE hold (
    id         uuid        PRIMARY KEY,
    buyer      varchar(64) NOT NULL,
    status     varchar(12) NOT NULL DEFAULT 'ACTIVE'
               CHECK (status IN ('ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at   timestamptz,
    CHECK (expires_at > created_at)
);
-- The expiry sweep takes the oldest due holds first.
CREATE INDEX hold_due_idx ON hold (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX hold_buyer_idx ON hold (buyer) WHERE status = 'ACTIVE';

-- What a hold asked for, kept after it ends (for reports and for the buyer's history).
CREATE TABLE hold_line (
    hold_id        uuid    NOT NULL REFERENCES hold (id) ON DELETE CASCADE,
    ticket_type_id bigint  NOT NULL REFERENCES ticket_type (id),
    quantity       integer NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (hold_id, ticket_type_id)
);

-- One row per ticket that is held or sold right now; released and expired holds delete theirs.
CREATE TABLE hold_slot (
    hold_id        uuid    NOT NULL REFERENCES hold (id) ON DELETE CASCADE,
    ticket_type_id bigint  NOT NULL REFERENCES ticket_type (id),
    slot           integer CHECK (slot >= 1)
);
CREATE UNIQUE INDEX hold_slot_once ON hold_slot (ticket_type_id, slot);
CREATE INDEX hold_slot_hold_idx ON hold_slot (hold_id);

-- When each ticket type's shared stock is next compared with these rows. The sweep claims due
-- rows with FOR UPDATE SKIP LOCKED, so on many nodes each ticket type is checked by one at a time.
CREATE TABLE stock_check (
    ticket_type_id bigint      PRIMARY KEY REFERENCES ticket_type (id) ON DELETE CASCADE,
    due_at         timestamptz NOT NULL DEFAULT now()
);

-- Every ticket type is checked, whether or not its stock was ever loaded on a node.
INSERT INTO stock_check (ticket_type_id) SELECT id FROM ticket_type;

CREATE FUNCTION schedule_stock_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the trigger's own schema, whatever the inserting session's search_path is
    EXECUTE format('INSERT INTO %I.stock_check (ticket_type_id) VALUES ($1)', TG_TABLE_SCHEMA) USING NEW.id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER ticket_type_stock_check AFTER INSERT ON ticket_type
    FOR EACH ROW EXECUTE FUNCTION schedule_stock_check();
