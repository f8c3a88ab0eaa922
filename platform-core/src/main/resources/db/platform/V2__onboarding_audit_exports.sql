-- Onboarding is a sequence of steps (registry row, schema, identity realm, first admin); a tenant
-- stays PROVISIONING, invisible to buyers, until every step has succeeded.
ALTER TABLE tenant DROP CONSTRAINT tenant_status_check;
ALTER TABLE tenant ADD CONSTRAINT tenant_status_check CHECK (status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED'));
ALTER TABLE tenant ADD COLUMN admin_email varchar(320);

-- Who did what to which tenant, and how it ended. Append-only.
CREATE TABLE operator_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    operator    varchar(320) NOT NULL,
    action      varchar(40)  NOT NULL,
    tenant_slug varchar(40),
    outcome     varchar(16)  NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'REFUSED')),
    detail      text
);
CREATE INDEX operator_audit_at_idx ON operator_audit (at DESC);
CREATE INDEX operator_audit_tenant_idx ON operator_audit (tenant_slug, at DESC);

-- What an offboarded tenant leaves behind: a zip of its tables, kept in the database so that
-- every node can serve the download.
CREATE TABLE tenant_export (
    id          uuid         PRIMARY KEY,
    tenant_slug varchar(40)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    created_by  varchar(320) NOT NULL,
    size_bytes  bigint       NOT NULL,
    content     bytea        NOT NULL
);
