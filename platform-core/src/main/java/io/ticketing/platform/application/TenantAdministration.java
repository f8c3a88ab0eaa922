package io.ticketing.platform.application;

import io.ticketing.platform.domain.tenant.AuditEntry;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantExport;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.persistence.platform.OperatorAuditLog;
import io.ticketing.platform.infrastructure.persistence.platform.TenantExports;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The platform's side of a tenant's life, for the operator's console and API: registry, schema,
 * export and audit log. The operator module adds the identity realm; it reaches tenant data only
 * through here.
 */
@ApplicationScoped
public class TenantAdministration {

    @Inject
    TenantRegistry registry;

    @Inject
    TenantSchemas schemas;

    @Inject
    TenantExports exports;

    @Inject
    OperatorAuditLog audit;

    /** See {@link TenantProvisioning}: idempotent steps, {@code furtherSteps} before the tenant turns ACTIVE. */
    public Tenant provision(NewTenant request, List<Consumer<Tenant>> furtherSteps) {
        return new TenantProvisioning(registry, schemas).provision(request, furtherSteps);
    }

    public Optional<Tenant> find(TenantSlug slug) {
        return registry.findBySlug(slug);
    }

    public List<Tenant> all() {
        return registry.findAll();
    }

    public void changeStatus(TenantSlug slug, TenantStatus status) {
        registry.changeStatus(slug, status);
    }

    /** Exports every table of the tenant to a stored zip; returns its id. */
    public UUID export(Tenant tenant, String requestedBy) {
        return exports.exportAndStore(tenant, requestedBy);
    }

    public Optional<TenantExport> findExport(UUID id) {
        return exports.find(id);
    }

    /** Drops the tenant's schema and removes it from the registry; repeatable. */
    public void erase(TenantSlug slug) {
        schemas.dropTenant(slug);
        registry.delete(slug);
    }

    public void audit(String operator, String action, String tenantSlug, AuditEntry.Outcome outcome, String detail) {
        audit.record(operator, action, tenantSlug, outcome, detail);
    }

    public List<AuditEntry> auditTrail(String tenantSlug, int limit) {
        return audit.recent(tenantSlug, limit);
    }
}
