-- When a refund was last reserved. A RESERVED refund younger than a provider's time to answer is in
-- flight: another refund of its order is told to wait (409) instead of counting and voiding twice.
-- An older one was left behind by a node that stopped mid-way; the same request finishes it.
ALTER TABLE refund ADD COLUMN reserved_at timestamptz NOT NULL DEFAULT now();
