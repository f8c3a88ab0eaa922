package io.ticketing.platform.domain.tenant;

/** Whether a tenant's shop is open. A suspended tenant keeps its data but serves nobody. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
