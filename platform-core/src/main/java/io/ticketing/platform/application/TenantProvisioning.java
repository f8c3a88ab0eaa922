package io.ticketing.platform.application;

import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import java.util.List;
import java.util.function.Consumer;

/**
 * Creates a tenant as a sequence of idempotent steps: a registry row in PROVISIONING (invisible
 * to buyers), its schema with every migration, any further steps the caller adds (its identity
 * realm, its first administrator), and only then ACTIVE. When a step fails the tenant stays
 * PROVISIONING; repeating the same request resumes where it stopped. The same request for a tenant
 * that is already complete returns it unchanged; a different request for a taken slug is a conflict.
 */
public class TenantProvisioning {

    private final TenantRegistry registry;
    private final TenantSchemas schemas;

    public TenantProvisioning(TenantRegistry registry, TenantSchemas schemas) {
        this.registry = registry;
        this.schemas = schemas;
    }

    public Tenant provision(NewTenant request) {
        return provision(request, List.of());
    }

    public Tenant provision(NewTenant request, List<Consumer<Tenant>> furtherSteps) {
        Tenant tenant = registry.findBySlug(request.slug()).orElse(null);
        if (tenant != null && !request.sameRequestAs(tenant)) {
            throw new TenantConflictException("slug", "The slug '" + request.slug() + "' is already taken");
        }
        if (tenant != null && tenant.status() != TenantStatus.PROVISIONING) {
            return tenant;
        }
        if (tenant == null) {
            tenant = registry.register(request, TenantStatus.PROVISIONING);
        }
        schemas.migrateTenant(tenant.slug());
        for (Consumer<Tenant> step : furtherSteps) {
            step.accept(tenant);
        }
        registry.changeStatus(tenant.slug(), TenantStatus.ACTIVE);
        return registry.findBySlug(tenant.slug()).orElseThrow();
    }
}
