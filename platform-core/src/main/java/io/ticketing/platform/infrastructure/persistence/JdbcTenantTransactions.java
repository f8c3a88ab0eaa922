package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Plain JDBC transactions on the current tenant's schema, for the hold and checkout paths, which
 * must stay short and predictable: a few statements and one commit, no ORM in between. The
 * transaction's connection is bound to the calling thread, and repositories reach it only through
 * {@link Sql}: there is no other way to a tenant's rows. Like {@link TenantEntityManager}, it
 * refuses to run without a tenant and binds the schema with {@code SET LOCAL}, which ends with the
 * transaction, so a pooled connection never carries a tenant into the next one.
 */
@ApplicationScoped
public class JdbcTenantTransactions implements TenantTransactions {

    private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();

    @Resource(lookup = PlatformDatabase.JNDI_NAME)
    private DataSource dataSource;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    /** For the container (CDI). */
    public JdbcTenantTransactions() {
    }

    /** Outside a container (the core's own tests): plain transactions on {@code dataSource}. */
    public JdbcTenantTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The connection of the transaction this thread is in. */
    static Connection current() {
        Connection connection = CURRENT.get();
        if (connection == null) {
            throw new IllegalStateException("Tenant data is only reached inside TenantTransactions.inTransaction");
        }
        return connection;
    }

    @Override
    public void lockUntilCommit(String name) {
        Sql.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                s.setString(1, TenantContext.require().schemaName() + ":" + name);
                s.executeQuery().close();
            }
        });
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Tenant tenant = TenantContext.require();
        if (transactions != null && transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("Tenant transactions are their own; do not start one inside a JTA transaction");
        }
        Connection outer = CURRENT.get();
        try (Connection connection = dataSource.getConnection()) {
            CURRENT.set(connection);
            return inTransaction(connection, tenant, work);
        } catch (SQLException e) {
            throw Sql.translate(e);
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Runs {@code work} with {@code connection} (a JTA transaction's, already on the tenant's schema) as this
     * thread's tenant transaction: repositories written for {@link Sql} then join the caller's transaction.
     */
    static <T> T joined(Connection connection, Supplier<T> work) {
        Connection outer = CURRENT.get();
        CURRENT.set(connection);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Runs {@code work} in one read-only REPEATABLE READ transaction on {@code connection} (the caller's to close),
     * bound to this thread as the tenant transaction, so repositories read through {@link Sql} as always. For
     * reports: one snapshot for all their queries, named {@code ticketing-reports} in pg_stat_activity.
     */
    static <T> T readOnly(Connection connection, Tenant tenant, Supplier<T> work) throws SQLException {
        Connection outer = CURRENT.get();
        CURRENT.set(connection);
        try {
            return inTransaction(connection, tenant, work,
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "SET LOCAL application_name TO 'ticketing-reports'");
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private static <T> T inTransaction(Connection connection, Tenant tenant, Supplier<T> work, String... preamble) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : preamble) {
                    statement.execute(sql);
                }
                // from a validated TenantSlug: lowercase letters, digits and underscores only
                statement.execute("SET LOCAL search_path TO " + tenant.schemaName());
            }
            T result = work.get();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException brokenConnection) {
                // the pool validates connections before handing them out again
            }
        }
    }
}
