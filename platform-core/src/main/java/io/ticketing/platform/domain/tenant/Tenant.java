package io.ticketing.platform.domain.tenant;

import java.util.List;

/** An organizer running a shop on the platform, as kept in the platform registry. */
public record Tenant(long id, TenantSlug slug, String displayName, TenantStatus status,
                     Branding branding, List<String> hosts, String adminEmail) {

    public Tenant {
        hosts = List.copyOf(hosts);
    }

    public String schemaName() {
        return slug.schemaName();
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }
}
