package io.ticketing.platform.infrastructure.cache;

/** Fired inside an organizer's transaction that changed the catalog; acted on once it commits. */
public record CatalogChanged(long tenantId) {
}
