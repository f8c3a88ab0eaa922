-- Lost callbacks.
--
-- The sandbox provider's own books, standing in for a real provider's: what the buyer did on the
-- sandbox payment page. Asking the sandbox where a payment stands reads them, so an order whose
-- callback never came can be settled the way it would be with Stripe or Alipay.
CREATE TABLE sandbox_payment (
    payment_ref  varchar(200) PRIMARY KEY,
    state        varchar(10)  NOT NULL CHECK (state IN ('PAID', 'DECLINED', 'CANCELLED', 'REFUNDED')),
    amount_minor bigint       NOT NULL CHECK (amount_minor >= 0),
    currency     char(3)      NOT NULL,
    updated_at   timestamptz  NOT NULL DEFAULT now()
);

-- Before a due order expires, one node asks its provider whether it was paid after all (a lost
-- callback). The claim, taken with SKIP LOCKED, makes that one question per order across the
-- cluster, not one per node and sweep.
ALTER TABLE customer_order ADD COLUMN payment_checked_at timestamptz;
