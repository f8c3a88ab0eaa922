-- A buyer may extend a hold once before it runs out (WCAG 2.2.1, timing adjustable); when they did
-- is kept, so the second time is refused.
ALTER TABLE hold ADD COLUMN extended_at timestamptz;

-- Whether the buyer asked for the organizer's news at checkout. Unticked unless they tick it:
-- consent is given, never assumed.
ALTER TABLE customer_order ADD COLUMN marketing_consent boolean NOT NULL DEFAULT false;
