package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.shared.ConstraintViolationException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a tenant repository runs its SQL: on the connection of the current tenant transaction, with
 * {@link SQLException} translated here, once, into the platform's own exceptions.
 */
public final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";

    private Sql() {
    }

    /** Statements that answer something. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Statements that only change something. */
    @FunctionalInterface
    public interface Update {
        void run(Connection connection) throws SQLException;
    }

    public static <T> T query(Query<T> query) {
        try {
            return query.run(JdbcTenantTransactions.current());
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public static void run(Update update) {
        try {
            update.run(JdbcTenantTransactions.current());
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** The one place an {@link SQLException} becomes the platform's: a broken constraint, or data out of reach. */
    public static PlatformDataException translate(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new ConstraintViolationException(ConstraintViolationException.Kind.UNIQUE, e);
        }
        if (CHECK_VIOLATION.equals(e.getSQLState())) {
            return new ConstraintViolationException(ConstraintViolationException.Kind.CHECK, e);
        }
        return new PlatformDataException("The database could not do this (SQL state " + e.getSQLState() + ")", e);
    }
}
