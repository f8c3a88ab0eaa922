package io.ticketing.platform.domain.shared;

import java.util.function.Supplier;

/**
 * Short transactions on the current tenant's data. Repositories called inside one share its
 * connection, bound to the tenant's schema; called outside one they refuse to work, so no query
 * can run without a tenant. What the work throws rolls the transaction back.
 */
public interface TenantTransactions {

    /** Runs {@code work} in a new transaction of its own (an enclosing one, if any, is not joined). */
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Serialises work on {@code name} across every node until the current transaction ends. The
     * name is scoped to the current tenant, so two shops never wait for each other.
     */
    void lockUntilCommit(String name);
}
