-- Scheduled sales reports: a finance user asks for a report by e-mail every day or every week. A sweep on every
-- node claims the due subscriptions (FOR UPDATE SKIP LOCKED, so one node queues each), writes a 'report.scheduled'
-- event to the outbox with the period, and moves next_run_at on; the notification relay mails the report.
-- Subscriptions are never edited: a reader cancels one and subscribes anew.
CREATE TABLE report_subscription (
    id             uuid         PRIMARY KEY,
    -- the subscriber's Keycloak subject: only they see and cancel it
    subject        varchar(64)  NOT NULL,
    -- their address when they subscribed (staff, not a buyer: not sealed, as in staff_audit)
    email          varchar(254) NOT NULL,
    frequency      varchar(6)   NOT NULL CHECK (frequency IN ('DAILY', 'WEEKLY')),
    format         varchar(8)   NOT NULL CHECK (format IN ('PDF', 'XLSX')),
    locale         varchar(20)  NOT NULL,
    zone           varchar(64)  NOT NULL,
    -- report_job.filter without the dates: {"events": [..], "ticketTypes": [..], "paymentMethod": ".."}, ids sorted,
    -- so one filter has one spelling and the unique index below sees it
    filter         jsonb        NOT NULL,
    -- the shop's address as the subscriber used it, for the mail's link to the finance page
    shop_url       text,
    next_run_at    timestamptz  NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now()
);
-- One subscription per subscriber, frequency, format and filter: asking twice for the same report gives it once.
CREATE UNIQUE INDEX report_subscription_once_idx ON report_subscription (subject, frequency, format, filter);
CREATE INDEX report_subscription_due_idx ON report_subscription (next_run_at);

-- A delivery without an order (a scheduled report) was not covered by UNIQUE (outbox_id, kind, channel, order_id):
-- NULLs are distinct there. This keeps "one delivery per event, kind and channel" true for it as well.
CREATE UNIQUE INDEX notification_orderless_once_idx ON notification (outbox_id, kind, channel) WHERE order_id IS NULL;
