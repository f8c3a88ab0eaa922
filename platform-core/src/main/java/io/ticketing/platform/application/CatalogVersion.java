package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.cache.CatalogCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A value that changes whenever the current tenant's catalog changes (events, ticket types, prices, venues): pages
 * built from the catalog may be kept under it. Apart from {@link EventCatalog} because it needs no transaction, and it
 * is asked on every anonymous page view (the transaction interceptor cost more than the grid read).
 */
@ApplicationScoped
public class CatalogVersion {

    @Inject
    CatalogCache cache;

    /** The current tenant's catalog version; empty when it cannot be told (the grid is unreadable). */
    public Optional<String> current() {
        return cache.generation();
    }
}
