package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.shared.ConstraintViolationException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

    /** One statement that changes rows, its parameters in order; returns how many rows it changed. */
    public static int update(String sql, Object... parameters) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                return s.executeUpdate();
            }
        });
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
