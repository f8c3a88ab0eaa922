package io.ticketing.platform.domain.report;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a sales report covers: orders paid from {@code from} to {@code to} (both days whole, in {@code zone}, the
 * shop's time zone unless the reader chose another), optionally only some events, ticket types or one payment
 * method (a provider key such as {@code stripe}). Empty lists mean "all".
 */
public record SalesFilter(LocalDate from, LocalDate to, ZoneId zone, List<Long> eventIds, List<Long> ticketTypeIds,
                          String paymentMethod) {

    /** Ten years: a report is about a season or a year, and a wider range is a typo. */
    public static final long MAX_DAYS = 3660;
    public static final int MAX_IDS = 500;

    public SalesFilter {
        if (from == null) {
            throw new InvalidFieldException("from", "Choose the first day of the report.");
        }
        if (to == null) {
            throw new InvalidFieldException("to", "Choose the last day of the report.");
        }
        if (to.isBefore(from)) {
            throw new InvalidFieldException("to", "The last day comes before the first.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidFieldException("to", "A report covers at most ten years.");
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
        ticketTypeIds = ticketTypeIds == null ? List.of() : List.copyOf(ticketTypeIds);
        if (eventIds.size() > MAX_IDS || ticketTypeIds.size() > MAX_IDS) {
            throw new InvalidFieldException("eventIds", "Choose at most " + MAX_IDS + " events or ticket types.");
        }
        paymentMethod = paymentMethod == null || paymentMethod.isBlank() ? null : paymentMethod.strip();
        if (paymentMethod != null && !paymentMethod.matches("[a-z0-9_-]{1,40}")) {
            throw new InvalidFieldException("paymentMethod", "Unknown payment method.");
        }
    }

    /** The first instant of the first day, in the report's zone. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the last day (exclusive). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
