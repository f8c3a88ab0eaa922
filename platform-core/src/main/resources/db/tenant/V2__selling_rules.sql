-- How an event sells: how long a hold lasts, when each ticket type is on sale, and how many one
-- order and one buyer may take.
ALTER TABLE event ADD COLUMN hold_minutes integer NOT NULL DEFAULT 15 CHECK (hold_minutes BETWEEN 1 AND 120);

ALTER TABLE ticket_type
    ADD COLUMN sale_starts_at timestamptz,
    ADD COLUMN sale_ends_at   timestamptz,
    ADD COLUMN max_per_order  integer NOT NULL DEFAULT 10 CHECK (max_per_order >= 1),
    ADD COLUMN max_per_buyer  integer CHECK (max_per_buyer >= 1),
    ADD CONSTRAINT ticket_type_sale_window CHECK (sale_ends_at IS NULL OR sale_starts_at IS NULL OR sale_ends_at > sale_starts_at),
    ADD CONSTRAINT ticket_type_limits CHECK (max_per_buyer IS NULL OR max_per_buyer >= max_per_order);
