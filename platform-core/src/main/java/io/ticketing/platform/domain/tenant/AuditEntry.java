package io.ticketing.platform.domain.tenant;

import java.time.OffsetDateTime;

/** One thing a platform operator did to a tenant, and how it ended. */
public record AuditEntry(long id, OffsetDateTime at, String operator, String action, String tenantSlug,
                         Outcome outcome, String detail) {

    public enum Outcome { SUCCEEDED, FAILED, REFUSED }
}
