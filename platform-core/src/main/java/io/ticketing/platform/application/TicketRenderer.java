package io.ticketing.platform.application;

/**
 * Lays tickets out as one PDF, a page per ticket. A port: its implementation (JasperReports) lives in the
 * module {@code reporting}, which a WAR bundles beside platform-core; platform-core never depends on it.
 */
public interface TicketRenderer {

    byte[] pdf(TicketPrint print);
}
