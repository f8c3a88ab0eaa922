package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything a sales report shows but its detail lines (those are streamed): who it is for, what it covers in
 * words (the names of the chosen events and ticket types; empty = all), when it was made, how fresh its figures
 * are ({@code dataAsOf}: the replica's last replayed commit, or now on the primary), where they were read, and
 * the summary.
 */
public record SalesReport(String shopName, String logoUrl, String brandColor, SalesFilter filter,
                          List<String> eventNames, List<String> ticketTypeNames, Instant generatedAt, Instant dataAsOf,
                          ReadSource source, SalesSummary summary) {

    public SalesReport {
        eventNames = List.copyOf(eventNames);
        ticketTypeNames = List.copyOf(ticketTypeNames);
    }
}
