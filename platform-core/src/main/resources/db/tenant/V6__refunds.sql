-- Refunds by the shop's staff: full or by line, through the order's payment provider.
-- A refund is first reserved (its amount counted against the order, so two at once cannot give
-- back more than was paid), then sent to the provider with its id as idempotency key, then
-- completed (tickets void, seats back on sale if the organizer chose so) or, if the provider
-- refused, released again.
ALTER TABLE order_line
    ADD COLUMN refunded_quantity integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT order_line_refunded CHECK (refunded_quantity BETWEEN 0 AND quantity AND refunded_minor <= unit_price_minor * quantity - discount_minor);

CREATE TABLE refund (
    id              uuid         PRIMARY KEY,
    order_id        uuid         NOT NULL REFERENCES customer_order (id),
    idempotency_key varchar(200) NOT NULL,
    status          varchar(10)  NOT NULL CHECK (status IN ('RESERVED', 'DONE', 'FAILED')),
    amount_minor    bigint       NOT NULL CHECK (amount_minor > 0),
    restock         boolean      NOT NULL,
    lines           jsonb        NOT NULL,
    staff           varchar(64)  NOT NULL,
    provider_ref    varchar(200),
    reason          varchar(500),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    ended_at        timestamptz
);
CREATE UNIQUE INDEX refund_idempotency ON refund (order_id, idempotency_key);
CREATE INDEX refund_order_idx ON refund (order_id);
