package io.ticketing.platform.interfaces.web;

import io.ticketing.platform.domain.tenant.Tenant;

/** What a request's host and path say about the tenant it is for. */
public sealed interface TenantResolution {

    /**
     * An open shop. {@code pathPrefix} is {@code /t/slug} when the tenant came from the path (and
     * {@code innerPath} is the rest), or empty when it came from the host name.
     */
    record Open(Tenant tenant, String pathPrefix, String innerPath) implements TenantResolution {
        public boolean byPath() {
            return !pathPrefix.isEmpty();
        }
    }

    /** A registered tenant whose shop is suspended. */
    record Closed(Tenant tenant) implements TenantResolution {
    }

    /** No tenant by that host or slug; {@code asked} is what the request named. */
    record Unknown(String asked) implements TenantResolution {
    }

    /** {@code /t/slug} without its trailing slash: relative links only work after a redirect. */
    record AddTrailingSlash(String location) implements TenantResolution {
    }

    /** The platform's own host with no tenant in the path. */
    record NoTenant(String path) implements TenantResolution {
    }
}
