package io.ticketing.platform.domain.tenant;

/**
 * Where a tenant stands. PROVISIONING: onboarding has not finished every step, nobody is served.
 * ACTIVE: the shop is open. SUSPENDED: the tenant keeps its data but serves nobody.
 */
public enum TenantStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED
}
