package io.ticketing.platform.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.shared.PlatformDataException;
import jakarta.el.ELException;
import jakarta.servlet.ServletException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures of a shop's page are the database gone (the 503 page) and which stay errors. */
class DatabaseUnreachableTest {

    @Test
    void anOutageDeepInsideAPageIsRecognisedThroughItsWrappers() {
        PlatformDataException outage = new PlatformDataException("The database could not do this (SQL state 57P01)", null);
        assertThat(TenantResolutionFilter.databaseUnreachable(new ServletException(new ELException("soldOut", outage)))).isTrue();
        assertThat(TenantResolutionFilter.databaseUnreachable(new ServletException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void otherFailuresStayErrors() {
        assertThat(TenantResolutionFilter.databaseUnreachable(new ServletException(new ELException("a bug", new IllegalStateException())))).isFalse();
        assertThat(TenantResolutionFilter.databaseUnreachable(new NullPointerException())).isFalse();
    }
}
