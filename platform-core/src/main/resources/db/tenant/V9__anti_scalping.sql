-- Anti-scalping: how many tickets one buyer, and one client address, may hold at once in this shop.
-- NULL means the platform's default (ticketing.limits.tickets-held-per-buyer / -per-address); an
-- organizer may set the shop's own.
ALTER TABLE checkout_settings
    ADD COLUMN max_held_per_buyer   integer CHECK (max_held_per_buyer BETWEEN 1 AND 10000),
    ADD COLUMN max_held_per_address integer CHECK (max_held_per_address BETWEEN 1 AND 100000);

-- The client address a hold came from, as a keyed hash under the tenant's key (never the address
-- itself): enough to count a client's holds, useless to anyone who copies the table.
ALTER TABLE hold ADD COLUMN client_key varchar(64);
CREATE INDEX hold_client_idx ON hold (client_key) WHERE status = 'ACTIVE';

-- A shop in test mode takes test payments only (the provider's test keys and test events); a live
-- shop refuses them, so a test key cannot quietly replace the shop's real payment account.
ALTER TABLE checkout_settings ADD COLUMN test_mode boolean NOT NULL DEFAULT false;

-- What the shop's own people changed in its settings: who, when, what (never a secret's value).
CREATE TABLE staff_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    actor       varchar(64)  NOT NULL,
    actor_email varchar(320),
    action      varchar(60)  NOT NULL,
    detail      varchar(2000) NOT NULL
);
CREATE INDEX staff_audit_at_idx ON staff_audit (at DESC);
