-- The shop's checkout settings: one row. With guest checkout on, buyers without an account may
-- hold and order with an e-mail address; they prove they are the same guest with a token the shop
-- gave them, of which only a hash is stored (customer_order.buyer = 'guest:' || hash).
CREATE TABLE checkout_settings (
    singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    guest_checkout boolean     NOT NULL DEFAULT false,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO checkout_settings DEFAULT VALUES;

-- Per-buyer limits are also counted by e-mail address across orders, so a guest (or a second
-- account) cannot step around them.
CREATE INDEX order_line_type_idx ON order_line (ticket_type_id);
