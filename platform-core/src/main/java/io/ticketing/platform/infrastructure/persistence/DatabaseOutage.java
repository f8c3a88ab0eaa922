package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.shared.PlatformDataException;
import java.net.ConnectException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;

/**
 * Whether a failure is the database out of reach, wherever it surfaced: the pages' filter and the APIs' problem mapper
 * both answer it with 503 (retry later), never 500.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * True when any cause is the platform's wrapper of a data failure (the repositories and tenant transactions
     * translate every SQLException into it), a refused connection, a JDBC connection failure or the server going down (SQL states 08xxx, 57P0x), or
     * the container's pool failing to give or enlist a connection (a pooled connection found closed by a database that
     * went away: an {@link XAException} or a JCA {@code ResourceException} that EclipseLink lets through unwrapped).
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PlatformDataException || t instanceof ConnectException || t instanceof XAException
                    || t instanceof jakarta.resource.ResourceException
                    || t instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQL state class 08 (connection exception) or 57P (the server shutting down or starting up). */
    private static boolean isOutageState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
