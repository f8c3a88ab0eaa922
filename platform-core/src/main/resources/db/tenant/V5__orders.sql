-- Orders, payments and tickets. Money is in minor units with its currency, never a float.
--
-- Exactly-once payment rests on three constraints here, not on code paths:
--  * one order per (buyer, Idempotency-Key): a retried or double-clicked checkout finds the first;
--  * one inbox row per (provider, event id): a replayed callback is recognised and changes nothing;
--  * PENDING -> PAID is a single conditional UPDATE (status = 'PENDING' in its WHERE), so two
--    nodes receiving the same payment at once cannot both pay the order.
CREATE TABLE customer_order (
    id                uuid         PRIMARY KEY,
    buyer             varchar(64)  NOT NULL,
    buyer_email       varchar(320) NOT NULL,
    buyer_name        varchar(200),
    idempotency_key   varchar(200) NOT NULL,
    request_sha256    char(64)     NOT NULL,
    status            varchar(20)  NOT NULL DEFAULT 'PENDING'
                      CHECK (status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED', 'EXPIRED')),
    currency          char(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal_minor    bigint       NOT NULL CHECK (subtotal_minor >= 0),
    discount_minor    bigint       NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
    total_minor       bigint       NOT NULL CHECK (total_minor >= 0),
    refunded_minor    bigint       NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    coupon_id         bigint       REFERENCES coupon (id),
    provider          varchar(40)  NOT NULL,
    payment_ref       varchar(200),
    payment_url       varchar(2000),
    needs_review      varchar(200),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    expires_at        timestamptz  NOT NULL,
    paid_at           timestamptz,
    ended_at          timestamptz,
    CHECK (total_minor = subtotal_minor - discount_minor),
    CHECK (refunded_minor <= total_minor)
);
CREATE UNIQUE INDEX customer_order_idempotency ON customer_order (buyer, idempotency_key);
CREATE UNIQUE INDEX customer_order_payment_ref ON customer_order (provider, payment_ref);
CREATE INDEX customer_order_due_idx ON customer_order (expires_at) WHERE status = 'PENDING';
CREATE INDEX customer_order_buyer_idx ON customer_order (buyer, created_at);
CREATE INDEX customer_order_email_idx ON customer_order (lower(buyer_email));

CREATE TABLE order_line (
    order_id         uuid         NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    ticket_type_id   bigint       NOT NULL REFERENCES ticket_type (id),
    name             varchar(120) NOT NULL,
    quantity         integer      NOT NULL CHECK (quantity >= 1),
    unit_price_minor bigint       NOT NULL CHECK (unit_price_minor >= 0),
    discount_minor   bigint       NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
    refunded_minor   bigint       NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    PRIMARY KEY (order_id, ticket_type_id),
    CHECK (discount_minor <= unit_price_minor * quantity)
);

-- A hold is paid for by at most one order.
CREATE TABLE order_hold (
    order_id uuid NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    hold_id  uuid NOT NULL UNIQUE REFERENCES hold (id),
    PRIMARY KEY (order_id, hold_id)
);

-- One ticket per seat of a paid order; the code is what the door scans.
CREATE TABLE ticket (
    id             uuid        PRIMARY KEY,
    order_id       uuid        NOT NULL REFERENCES customer_order (id),
    ticket_type_id bigint      NOT NULL REFERENCES ticket_type (id),
    slot           integer,
    code           varchar(40) NOT NULL UNIQUE,
    status         varchar(10) NOT NULL DEFAULT 'VALID' CHECK (status IN ('VALID', 'VOID')),
    issued_at      timestamptz NOT NULL DEFAULT now(),
    voided_at      timestamptz
);
CREATE INDEX ticket_order_idx ON ticket (order_id);

-- Every callback that reached us, genuine or not: what it claimed, whether its signature held, what it did.
CREATE TABLE payment_callback (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider       varchar(40)  NOT NULL,
    event_id       varchar(200),
    payment_ref    varchar(200),
    signature_ok   boolean      NOT NULL,
    replay         boolean      NOT NULL DEFAULT false,
    payload_sha256 char(64)     NOT NULL,
    outcome        varchar(200) NOT NULL,
    received_at    timestamptz  NOT NULL DEFAULT now()
);
-- The first verified delivery of an event claims it; replays are recorded beside it, and a
-- forgery (signature_ok false) cannot claim, and so cannot block, the genuine event's id.
CREATE UNIQUE INDEX payment_callback_once ON payment_callback (provider, event_id) WHERE signature_ok AND NOT replay;

-- Things to tell the world, written in the transaction that made them true; sent later.
CREATE TABLE outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic      varchar(60) NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;

-- Payment provider settings per shop; credentials sealed with the platform's SecretBox.
CREATE TABLE payment_settings (
    provider           varchar(40) PRIMARY KEY,
    sealed_credentials text        NOT NULL,
    active             boolean     NOT NULL DEFAULT true,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
