package io.ticketing.platform.domain.tenant;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What it takes to register a tenant; validated on construction, each message naming its field.
 * {@code adminEmail} is the organizer's first administrator (absent for tenants made by tests and the demo).
 */
public record NewTenant(TenantSlug slug, String displayName, List<String> hosts, Branding branding,
                        String adminEmail) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

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
        if (adminEmail != null) {
            adminEmail = adminEmail.strip().toLowerCase(Locale.ROOT);
            if (adminEmail.length() > 320 || !EMAIL.matcher(adminEmail).matches()) {
                throw new IllegalArgumentException("adminEmail is not an e-mail address: '" + adminEmail + "'");
            }
        }
    }

    public NewTenant(TenantSlug slug, String displayName, List<String> hosts, Branding branding) {
        this(slug, displayName, hosts, branding, null);
    }

    public static NewTenant of(String slug, String displayName, String... hosts) {
        return new NewTenant(new TenantSlug(slug), displayName, List.of(hosts), null);
    }

    /** Whether an existing tenant was created by this same request (an idempotent retry). */
    public boolean sameRequestAs(Tenant tenant) {
        return tenant.slug().equals(slug) && tenant.displayName().equals(displayName)
                && Objects.equals(tenant.adminEmail(), adminEmail)
                && new HashSet<>(tenant.hosts()).equals(new HashSet<>(hosts));
    }
}
