package io.ticketing.platform.interfaces.web;

import io.ticketing.platform.domain.tenant.HostNames;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import java.util.Optional;

/**
 * Finds the tenant of a request: first by host name ({@code acme.tickets.example}, or a custom
 * domain), then, on a host that is no tenant's, by the development path prefix {@code /t/{slug}/}.
 * On a tenant's own host the path prefix is never read, so a request cannot name a second tenant.
 */
public final class TenantResolver {

    public static final String PATH_PREFIX = "/t/";

    /** Where tenants are looked up; the registry in production, a map in unit tests. */
    public interface Directory {
        Optional<Tenant> byHost(String host);

        Optional<Tenant> bySlug(TenantSlug slug);
    }

    private final Directory directory;

    public TenantResolver(Directory directory) {
        this.directory = directory;
    }

    /**
     * @param hostHeader the HTTP Host header as sent
     * @param path       the request path below the application's context path, starting with '/'
     */
    public TenantResolution resolve(String hostHeader, String path) {
        String host = HostNames.fromHostHeader(hostHeader);
        Optional<Tenant> byHost = host == null ? Optional.empty() : directory.byHost(host);
        if (byHost.isPresent()) {
            if (path.equals("/t") || path.startsWith(PATH_PREFIX)) {
                return new TenantResolution.Unknown(path);
            }
            return openOrClosed(byHost.get(), "", path);
        }
        if (!path.startsWith(PATH_PREFIX)) {
            return new TenantResolution.NoTenant(path);
        }
        int end = path.indexOf('/', PATH_PREFIX.length());
        String candidate = end < 0 ? path.substring(PATH_PREFIX.length()) : path.substring(PATH_PREFIX.length(), end);
        if (!TenantSlug.isValid(candidate)) {
            return new TenantResolution.Unknown(candidate);
        }
        Optional<Tenant> bySlug = directory.bySlug(new TenantSlug(candidate));
        if (bySlug.isEmpty()) {
            return new TenantResolution.Unknown(candidate);
        }
        String prefix = PATH_PREFIX + candidate;
        if (end < 0) {
            return new TenantResolution.AddTrailingSlash(prefix + "/");
        }
        return openOrClosed(bySlug.get(), prefix, path.substring(end));
    }

    private static TenantResolution openOrClosed(Tenant tenant, String prefix, String innerPath) {
        return switch (tenant.status()) {
            case ACTIVE -> new TenantResolution.Open(tenant, prefix, innerPath);
            case SUSPENDED -> new TenantResolution.Closed(tenant);
            // Onboarding has not finished: to buyers this shop does not exist yet.
            case PROVISIONING -> new TenantResolution.Unknown(tenant.slug().value());
        };
    }
}
