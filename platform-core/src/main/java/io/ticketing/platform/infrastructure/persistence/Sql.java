package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.shared.ConstraintViolationException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.shared.ValueTooLongException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a tenant repository runs its SQL: on the connection of the current tenant transaction, with
 * {@link SQLException} translated here, once, into the platform's own exceptions.
 */
public final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";
    /** PostgreSQL's "value too long for type character varying(200)". */
    private static final String STRING_TOO_LONG = "22001";
    private static final Pattern COLUMN_WIDTH = Pattern.compile("\\((\\d+)\\)");

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

    /**
     * The one place an {@link SQLException} becomes the platform's: a broken constraint, a value too
     * long for its column (the caller's mistake, a 4xx), or data out of reach.
     */
    public static RuntimeException translate(SQLException e) {
        if (STRING_TOO_LONG.equals(e.getSQLState())) {
            Matcher width = COLUMN_WIDTH.matcher(String.valueOf(e.getMessage()));
            return new ValueTooLongException(null, "A text is longer than the shop can keep"
                    + (width.find() ? " (at most " + width.group(1) + " characters)" : "") + "; shorten it and send again");
        }
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new ConstraintViolationException(ConstraintViolationException.Kind.UNIQUE, e);
        }
        if (CHECK_VIOLATION.equals(e.getSQLState())) {
            return new ConstraintViolationException(ConstraintViolationException.Kind.CHECK, e);
        }
        return new PlatformDataException("The database could not do this (SQL state " + e.getSQLState() + ")", e);
    }
}
