-- Coupons can be switched off and on again by the shop's staff (issue 15, back office): a switched-off code is
-- refused at checkout with its own message; its orders, uses and reports stay as they were.
ALTER TABLE coupon ADD COLUMN active boolean NOT NULL DEFAULT true;
