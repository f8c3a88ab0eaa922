package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The only way application code reaches tenant data through JPA. On first use in a transaction it
 * points the transaction's own connection at the current tenant's schema with
 * {@code SET LOCAL search_path}, which PostgreSQL undoes at commit or rollback, so a pooled
 * connection never carries a tenant into the next transaction. It refuses to work without a
 * tenant, outside a transaction, or for a second tenant in the same transaction.
 *
 * <p>Why not EclipseLink's table-per-tenant mode: its JOIN FETCH fails on schema-discriminated
 * entities (EclipseLink-6119), and it does not cover native SQL or JDBC, which the stock engine uses.
 */
@ApplicationScoped
public class TenantEntityManager {

    private static final Object BOUND_SCHEMA = TenantEntityManager.class.getName() + ".schema";

    @PersistenceContext(unitName = "ticketing")
    private EntityManager entityManager;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    public EntityManager get() {
        Tenant tenant = TenantContext.require();
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException(
                    "Tenant data is only read and written inside a transaction: mark the service @Transactional");
        }
        Object bound = transactions.getResource(BOUND_SCHEMA);
        if (bound == null) {
            bindSchema(tenant.schemaName());
            transactions.putResource(BOUND_SCHEMA, tenant.schemaName());
        } else if (!bound.equals(tenant.schemaName())) {
            throw new IllegalStateException("This transaction already works on schema " + bound
                    + "; it cannot also touch tenant '" + tenant.slug() + "'");
        }
        return entityManager;
    }

    /**
     * Runs JDBC repositories (those that work through {@link Sql}, such as the staff audit log) on this
     * transaction's own connection, so what they write commits or rolls back with the JPA changes.
     */
    public <T> T withJdbc(java.util.function.Supplier<T> work) {
        EntityManager em = get();
        return JdbcTenantTransactions.joined(em.unwrap(Connection.class), work);
    }

    public void withJdbc(Runnable work) {
        withJdbc(() -> {
            work.run();
            return null;
        });
    }

    private void bindSchema(String schema) {
        // The connection EclipseLink uses for this transaction; not ours to close.
        Connection connection = entityManager.unwrap(Connection.class);
        try (Statement statement = connection.createStatement()) {
            // schema comes from a validated TenantSlug: lowercase letters, digits and underscores only
            statement.execute("SET LOCAL search_path TO " + schema);
        } catch (SQLException e) {
            throw new PersistenceException("Could not select the schema of the current tenant", e);
        }
    }
}
