package io.ticketing.platform.application;

import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Finding tenants: by a request's host name or path, and all of them for the periodic work that visits each shop. */
@ApplicationScoped
public class TenantDirectory {

    @Inject
    TenantRegistry registry;

    public Optional<Tenant> byHost(String host) {
        return registry.findByHost(host);
    }

    public Optional<Tenant> bySlug(TenantSlug slug) {
        return registry.findBySlug(slug);
    }

    public List<Tenant> all() {
        return registry.findAll();
    }
}
