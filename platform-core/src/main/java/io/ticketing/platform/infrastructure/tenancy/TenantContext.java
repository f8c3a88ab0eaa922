package io.ticketing.platform.infrastructure.tenancy;

import io.ticketing.platform.domain.tenant.Tenant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Set by the request filter (or by {@link #callAs} for
 * background work) and read by everything that touches tenant data; there is no default tenant.
 */
public final class TenantContext {

    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The current tenant; throws when there is none. */
    public static Tenant require() {
        Tenant tenant = CURRENT.get();
        if (tenant == null) {
            throw new NoTenantContextException();
        }
        return tenant;
    }

    public static Optional<Tenant> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Works for {@code tenant} until the returned scope is closed. Entering another tenant while one
     * is active is refused: one unit of work never spans two tenants.
     */
    public static Scope enter(Tenant tenant) {
        Tenant previous = CURRENT.get();
        if (previous != null && previous.id() != tenant.id()) {
            throw new IllegalStateException("Already working for tenant '" + previous.slug()
                    + "'; cannot switch to '" + tenant.slug() + "' in the same unit of work");
        }
        CURRENT.set(tenant);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static <T> T callAs(Tenant tenant, Supplier<T> work) {
        try (Scope ignored = enter(tenant)) {
            return work.get();
        }
    }

    public static void runAs(Tenant tenant, Runnable work) {
        try (Scope ignored = enter(tenant)) {
            work.run();
        }
    }

    /** Ends the tenant scope it was returned by. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
