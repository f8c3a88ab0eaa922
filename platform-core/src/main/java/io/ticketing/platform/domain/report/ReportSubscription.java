package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A finance user's standing request for a sales report by e-mail: how often, in which format and language, the
 * days counted in which zone, and what it is about (events, ticket types, one payment method; empty means all).
 * It belongs to its subscriber ({@code subject}); the mail goes to {@code email}.
 */
public record ReportSubscription(UUID id, String subject, String email, ReportFrequency frequency, ReportFormat format,
                                 String locale, ZoneId zone, List<Long> eventIds, List<Long> ticketTypeIds,
                                 String paymentMethod, String shopUrl, Instant nextRunAt, Instant createdAt) {

    public ReportSubscription {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
        ticketTypeIds = ticketTypeIds == null ? List.of() : List.copyOf(ticketTypeIds);
    }

    /** The report this subscription's mail carries for {@code period}. */
    public SalesFilter filter(ReportPeriod period) {
        return new SalesFilter(period.from(), period.to(), zone, eventIds, ticketTypeIds, paymentMethod);
    }
}
