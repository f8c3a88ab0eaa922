-- Buyer data sealed at rest: an order's e-mail address and name are stored encrypted under the
-- tenant's own key (AES-256-GCM, "v1." prefix, as the tenant's other secrets), and the address is
-- found by a keyed blind index (HMAC-SHA256 of the lower-cased address under the tenant's key), so
-- staff can still search by e-mail and the per-buyer limits can still count by it. Rows written
-- before this version are sealed by the platform at start-up (OrderService.sealLegacyBuyerData).
ALTER TABLE customer_order
    ALTER COLUMN buyer_email TYPE text,
    ALTER COLUMN buyer_name TYPE text,
    ADD COLUMN buyer_email_index varchar(43);
DROP INDEX customer_order_email_idx;
CREATE INDEX customer_order_email_index_idx ON customer_order (buyer_email_index);

-- Messages carry no buyer data any more (their sender reads the sealed order): older ones lose theirs.
UPDATE outbox SET payload = payload - 'email' WHERE payload ? 'email';
