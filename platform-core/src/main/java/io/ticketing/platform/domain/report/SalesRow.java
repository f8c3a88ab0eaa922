package io.ticketing.platform.domain.report;

/**
 * One row of a breakdown (by event, ticket type, day or payment method): its key (an id, an ISO date, a provider
 * key), what a reader sees, and its figures in one currency. A thing sold in two currencies has two rows.
 */
public record SalesRow(String key, String label, SalesFigures figures) {
}
