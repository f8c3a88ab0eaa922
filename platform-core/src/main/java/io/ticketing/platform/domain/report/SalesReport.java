package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything a sales report shows but its detail lines (those are streamed): who it is for, what it covers in
 * words (the names of the chosen events and ticket types; empty = all), when it was made, how fresh its figures
 * are ({@code dataAsOf}: the replica's last replayed commit, or now on the primary), where they were read, and
 * the summary. The logo is the image the organizer uploaded ({@code uploadedLogo}, which wins) or a URL.
 */
public record SalesReport(String shopName, String logoUrl, byte[] uploadedLogo, String brandColor, SalesFilter filter,
                          List<String> eventNames, List<String> ticketTypeNames, Instant generatedAt, Instant dataAsOf,
                          ReadSource source, SalesSummary summary) {

    /** Without an uploaded logo. */
    public SalesReport(String shopName, String logoUrl, String brandColor, SalesFilter filter, List<String> eventNames,
                       List<String> ticketTypeNames, Instant generatedAt, Instant dataAsOf, ReadSource source,
                       SalesSummary summary) {
        this(shopName, logoUrl, null, brandColor, filter, eventNames, ticketTypeNames, generatedAt, dataAsOf, source, summary);
    }

    public SalesReport {
        eventNames = List.copyOf(eventNames);
        ticketTypeNames = List.copyOf(ticketTypeNames);
    }
}
