-- The platform registry: which tenants exist, how they are reached and how their shop looks.
CREATE TABLE tenant (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          varchar(40)  NOT NULL UNIQUE
                  CHECK (slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' AND length(slug) BETWEEN 3 AND 40),
    display_name  varchar(200) NOT NULL,
    status        varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    logo_url      varchar(2000),
    primary_color char(7)      NOT NULL CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
    custom_css    text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE tenant_host (
    host      varchar(253) PRIMARY KEY CHECK (host = lower(host)),
    tenant_id bigint NOT NULL REFERENCES tenant (id) ON DELETE CASCADE
);
CREATE INDEX tenant_host_tenant_idx ON tenant_host (tenant_id);
