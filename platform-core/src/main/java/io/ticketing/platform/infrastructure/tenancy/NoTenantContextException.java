package io.ticketing.platform.infrastructure.tenancy;

/** Tenant data was touched outside a tenant request: a bug, never a reason to guess a schema. */
public class NoTenantContextException extends IllegalStateException {

    public NoTenantContextException() {
        super("No tenant in context: tenant data can only be read or written while serving a tenant "
                + "(a request resolved by host or /t/{slug}/, or work wrapped in TenantContext.runAs)");
    }
}
