package io.ticketing.platform.infrastructure.tenancy;

/**
 * Names of the shared Hazelcast structures, one set per tenant: {@code tenant.<id>.<purpose>}.
 * By the tenant's id, not its slug: a slug is free again after offboarding, an id never is, so a
 * new shop cannot inherit an old one's ledgers or cache entries.
 */
public final class TenantGridNames {

    private TenantGridNames() {
    }

    public static String of(long tenantId, String purpose) {
        return "tenant." + tenantId + "." + purpose;
    }

    /** The structure of {@code purpose} belonging to the current tenant (there is no other way to name one). */
    public static String current(String purpose) {
        return of(TenantContext.require().id(), purpose);
    }

    /** The wildcard that matches {@code purpose} for every tenant, for map configuration. */
    public static String everyTenant(String purpose) {
        return "tenant.*." + purpose;
    }
}
