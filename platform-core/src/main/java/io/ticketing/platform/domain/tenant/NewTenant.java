package io.ticketing.platform.domain.tenant;

import java.util.List;

/** What it takes to register a tenant; validated on construction. */
public record NewTenant(TenantSlug slug, String displayName, List<String> hosts, Branding branding) {

    public NewTenant {
        if (slug == null) {
            throw new IllegalArgumentException("slug is required");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("displayName is required");
        }
        displayName = displayName.strip();
        if (displayName.length() > 200) {
            throw new IllegalArgumentException("displayName has at most 200 characters");
        }
        hosts = hosts == null ? List.of() : hosts.stream().map(HostNames::normalize).distinct().toList();
        branding = branding == null ? Branding.defaults() : branding;
    }

    public static NewTenant of(String slug, String displayName, String... hosts) {
        return new NewTenant(new TenantSlug(slug), displayName, List.of(hosts), null);
    }
}
