package io.ticketing.platform.application;

import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantConflictException;
import io.ticketing.platform.infrastructure.tenancy.TenantRegistry;
import io.ticketing.platform.infrastructure.tenancy.TenantSchemas;

/**
 * Creates a tenant: its schema with every migration first, then its registry row. A tenant is
 * only visible once its schema is complete; repeating a failed call finishes the job, because
 * migrations are idempotent and the registry refuses a second row for the same slug.
 */
public class TenantProvisioning {

    private final TenantRegistry registry;
    private final TenantSchemas schemas;

    public TenantProvisioning(TenantRegistry registry, TenantSchemas schemas) {
        this.registry = registry;
        this.schemas = schemas;
    }

    public Tenant provision(NewTenant tenant) {
        if (registry.findBySlug(tenant.slug()).isPresent()) {
            throw new TenantConflictException("slug", "The slug '" + tenant.slug() + "' is already taken");
        }
        schemas.migrateTenant(tenant.slug());
        return registry.register(tenant);
    }
}
