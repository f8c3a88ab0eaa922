package io.ticketing.platform.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.shared.PlatformDataException;
import jakarta.el.ELException;
import jakarta.servlet.ServletException;
import java.net.ConnectException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Which failures of a shop's page are the database gone (the 503 page) and which stay errors. */
class DatabaseOutageTest {

    @Test
    void anOutageDeepInsideAPageIsRecognisedThroughItsWrappers() {
        PlatformDataException outage = new PlatformDataException("The database could not do this (SQL state 57P01)", null);
        assertThat(DatabaseOutage.isCause(new ServletException(new ELException("soldOut", outage)))).isTrue();
        assertThat(DatabaseOutage.isCause(new ServletException(new ConnectException("Connection refused")))).isTrue();
        // A pooled connection the database closed, as Payara's pool reports it from under EclipseLink (DatabaseOutageIT saw it).
        assertThat(DatabaseOutage.isCause(new ServletException(new XAException("PoolingException: This connection has been closed.")))).isTrue();
        assertThat(DatabaseOutage.isCause(new IllegalStateException(new SQLException("This connection has been closed.", "08003")))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"))).isTrue();
    }

    @Test
    void otherFailuresStayErrors() {
        assertThat(DatabaseOutage.isCause(new ServletException(new ELException("a bug", new IllegalStateException())))).isFalse();
        assertThat(DatabaseOutage.isCause(new NullPointerException())).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("duplicate key", "23505"))).as("a data error, not an outage").isFalse();
    }
}
