package io.ticketing.platform.infrastructure.persistence;

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
import javax.sql.DataSource;

/**
 * Plain JDBC transactions on the current tenant's schema, for the hold path, which must stay
 * short and predictable: a few statements and one commit, no ORM in between. Like
 * {@link TenantEntityManager}, it refuses to run without a tenant and binds the schema with
 * {@code SET LOCAL}, which ends with the transaction.
 */
@ApplicationScoped
public class TenantJdbc {

    @Resource(lookup = PlatformDatabase.JNDI_NAME)
    private DataSource dataSource;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    /** A unit of work on one connection; what it throws rolls the transaction back. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Serialises work on {@code name} across every node until the transaction on {@code connection}
     * ends (a PostgreSQL advisory lock). The name is scoped to the current tenant here, so two shops
     * never wait for each other.
     */
    public static void lockUntilCommit(Connection connection, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            s.setString(1, TenantContext.require().schemaName() + ":" + name);
            s.executeQuery().close();
        }
    }

    public <T> T inTransaction(Work<T> work) throws SQLException {
        Tenant tenant = TenantContext.require();
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("TenantJdbc runs its own transactions; do not call it inside a JTA transaction");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    // from a validated TenantSlug: lowercase letters, digits and underscores only
                    statement.execute("SET LOCAL search_path TO " + tenant.schemaName());
                }
                T result = work.run(connection);
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
}
