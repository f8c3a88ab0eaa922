-- The organizer's orders in the back office (issue 15).
--
-- Whether the shop's organizer staff (not only its admins) may refund orders. On by default: staff
-- run the box office; a shop that wants refunds approved by an admin turns it off.
ALTER TABLE checkout_settings ADD COLUMN staff_may_refund boolean NOT NULL DEFAULT true;

-- The sandbox provider's refund calls, as a real provider's dashboard lists them: one row per call it
-- received (a retried call is a second row), so a test can see that a refund reached it exactly once.
CREATE TABLE sandbox_refund (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_ref     varchar(200) NOT NULL,
    idempotency_key varchar(200) NOT NULL,
    amount_minor    bigint       NOT NULL CHECK (amount_minor > 0),
    currency        char(3)      NOT NULL,
    refund_ref      varchar(200) NOT NULL,
    received_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_refund_payment_idx ON sandbox_refund (payment_ref);
