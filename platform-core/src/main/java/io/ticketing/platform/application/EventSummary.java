package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.Money;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a storefront listing; {@code priceFrom} is null while an event has no ticket types.
 * {@code capacities} (ticket type id to capacity) lets the caller ask the stock engine what is left,
 * which changes by the second and is read outside the catalog's transaction. {@code salesOpenAt} is
 * when the first of its ticket types goes on sale, null when one is on sale from the start (or there
 * are none): a moment, not a flag, so a cached summary stays right as the clock passes it.
 */
public record EventSummary(long id, String title, String category, ZonedDateTime startsAt, long venueId,
                           String venueName, String city, Money priceFrom, EventStatus status,
                           Map<Long, Integer> capacities, OffsetDateTime salesOpenAt) implements java.io.Serializable {

    public EventSummary {
        capacities = Map.copyOf(capacities);
    }

    /** Ticket type id to capacity over all these events, to ask the stock engine what is left of them at once. */
    public static Map<Long, Integer> capacities(List<EventSummary> events) {
        Map<Long, Integer> all = new HashMap<>();
        events.forEach(e -> all.putAll(e.capacities()));
        return all;
    }

    /** True while none of its ticket types is on sale yet: each opens later than {@code now}. */
    public boolean notYetOnSale(OffsetDateTime now) {
        return salesOpenAt != null && now.isBefore(salesOpenAt);
    }

    /** Tickets left over all ticket types, given what is left per type. */
    public int ticketsLeft(Map<Long, Integer> availableByType) {
        return capacities.keySet().stream().mapToInt(id -> availableByType.getOrDefault(id, 0)).sum();
    }
}
