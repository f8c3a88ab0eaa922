-- Notifications: what the outbox's events mean for people. A relay on every node turns each event into
-- deliveries (one short transaction, rows claimed with FOR UPDATE SKIP LOCKED), then sends each delivery
-- and marks it sent in one short transaction of its own. A delivery that fails waits longer each time
-- (exponential back-off) and is parked after its last attempt, with its error, for staff to retry.

-- The buyer's language at checkout (en, de, zh-CN) and the shop's address as the buyer used it, for the mails
-- about the order (a relay has no request to take them from); and when consent to the
-- organizer's news was given (consent is recorded with its moment).
ALTER TABLE customer_order
    ADD COLUMN language varchar(10),
    ADD COLUMN shop_url text,
    ADD COLUMN marketing_consent_at timestamptz;
UPDATE customer_order SET marketing_consent_at = created_at WHERE marketing_consent;

CREATE TABLE notification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id       bigint       REFERENCES outbox (id),
    kind            varchar(40)  NOT NULL,
    channel         varchar(20)  NOT NULL,
    order_id        uuid         REFERENCES customer_order (id),
    -- Sealed under the shop's key; empty for messages to an order's buyer (the order's sealed address counts).
    recipient       text,
    language        varchar(10)  NOT NULL,
    -- The same on every attempt: receivers and tests tell a resent message by it.
    message_id      varchar(200) NOT NULL UNIQUE,
    -- SKIPPED: not sent on purpose (the buyer unsubscribed after the promotion was queued).
    status          varchar(10)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'PARKED', 'SKIPPED')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    parked_at       timestamptz,
    -- One delivery per event, kind, channel and order, however often an event is fanned out.
    UNIQUE (outbox_id, kind, channel, order_id)
);
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_parked_idx ON notification (parked_at) WHERE status = 'PARKED';
CREATE INDEX notification_order_idx ON notification (order_id);

-- Who the shop's mails come from and where replies and staff alerts go: one row.
CREATE TABLE notification_settings (
    singleton    boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    sender_name  varchar(120),
    reply_to     varchar(254),
    staff_alerts varchar(254),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO notification_settings DEFAULT VALUES;

-- The organizer's own wording of a message in one language; the platform's default counts where there is none.
CREATE TABLE message_template (
    kind       varchar(40) NOT NULL,
    language   varchar(10) NOT NULL,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by varchar(200),
    PRIMARY KEY (kind, language)
);

-- Promotions: an organizer's message to the buyers whose latest order agreed to hear from the shop, sent
-- through the same relay at a bounded rate.
CREATE TABLE promotion (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject    varchar(200) NOT NULL,
    body       text         NOT NULL,
    created_by varchar(200),
    created_at timestamptz  NOT NULL DEFAULT now(),
    recipients integer
);

-- Buyers who unsubscribed, by the blind index of their address (never the address itself). A later order
-- with consent ticked counts again (its consent is newer than the unsubscribe).
CREATE TABLE unsubscribed (
    email_index varchar(43) PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now()
);
