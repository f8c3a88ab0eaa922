-- Sales reports: the paid orders of a period, read by paid_at.
CREATE INDEX customer_order_paid_idx ON customer_order (paid_at) WHERE paid_at IS NOT NULL;

-- A late payment the platform gave back counted its refund on the order only. Its lines carry it now, as every
-- other refund's do, so an order's refund is always the sum of its lines' (the report adds lines).
UPDATE order_line l
   SET refunded_quantity = l.quantity, refunded_minor = l.unit_price_minor * l.quantity - l.discount_minor
  FROM customer_order o
 WHERE o.id = l.order_id AND o.status = 'REFUNDED' AND o.refunded_minor = o.total_minor
   AND NOT EXISTS (SELECT 1 FROM order_line x WHERE x.order_id = o.id AND x.refunded_minor > 0);

-- A report too large to stream while the reader waits is made in the background: claimed by one node
-- (FOR UPDATE SKIP LOCKED; a node that stops mid-way leaves a stale heartbeat and another node takes it over),
-- its progress counted in rows, its file kept here in 1 MiB chunks (every node can serve it; no shared disk)
-- until it expires. Only the person who asked may download it (requested_by, the Keycloak subject).
CREATE TABLE report_job (
    id              uuid         PRIMARY KEY,
    requested_by    varchar(64)  NOT NULL,
    format          varchar(8)   NOT NULL CHECK (format IN ('PDF', 'XLSX', 'CSV')),
    locale          varchar(20)  NOT NULL,
    filter          jsonb        NOT NULL,
    status          varchar(10)  NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'READY', 'FAILED')),
    rows_total      bigint,
    rows_done       bigint       NOT NULL DEFAULT 0,
    node            varchar(100),
    attempts        integer      NOT NULL DEFAULT 0,
    heartbeat_at    timestamptz,
    file_name       varchar(200),
    file_bytes      bigint,
    error           varchar(500),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    expires_at      timestamptz  NOT NULL
);
CREATE INDEX report_job_queue_idx ON report_job (created_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX report_job_owner_idx ON report_job (requested_by, created_at);
CREATE INDEX report_job_expiry_idx ON report_job (expires_at);

CREATE TABLE report_file_chunk (
    job_id uuid    NOT NULL REFERENCES report_job (id) ON DELETE CASCADE,
    seq    integer NOT NULL,
    bytes  bytea   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
