-- A logo the organizer uploads in the back office: kept here beside the rest of the shop's look (the tenant
-- row), so every node serves it and the registry stays the one place of branding. The shop's pages name it by
-- its content hash (tenant.logo_sha256): a new upload is a new address, so browsers may cache one forever.
-- A logo is found by tenant and hash together: no other shop can reach it.
ALTER TABLE tenant ADD COLUMN logo_sha256 char(64) CHECK (logo_sha256 ~ '^[0-9a-f]{64}$');

CREATE TABLE tenant_logo (
    tenant_id    bigint      NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    sha256       char(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type varchar(16) NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    width        integer     NOT NULL CHECK (width BETWEEN 1 AND 4096),
    height       integer     NOT NULL CHECK (height BETWEEN 1 AND 4096),
    content      bytea       NOT NULL CHECK (octet_length(content) <= 524288),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sha256)
);
