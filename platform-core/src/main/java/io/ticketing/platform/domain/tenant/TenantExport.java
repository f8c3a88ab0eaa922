package io.ticketing.platform.domain.tenant;

import java.util.UUID;

/** A stored export of every table of an offboarded tenant: a zip of CSV files. */
public record TenantExport(UUID id, String tenantSlug, long sizeBytes, byte[] content) {
}
