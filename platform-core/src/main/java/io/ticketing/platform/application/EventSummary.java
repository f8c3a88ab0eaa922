package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.Money;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * One line of a storefront listing; {@code priceFrom} is null while an event has no ticket types.
 * {@code capacities} (ticket type id to capacity) lets the caller ask the stock engine what is left,
 * which changes by the second and is read outside the catalog's transaction.
 */
public record EventSummary(long id, String title, String category, ZonedDateTime startsAt,
                           String venueName, String city, Money priceFrom, EventStatus status,
                           Map<Long, Integer> capacities) {

    public EventSummary {
        capacities = Map.copyOf(capacities);
    }

    /** Tickets left over all ticket types, given what is left per type. */
    public int ticketsLeft(Map<Long, Integer> availableByType) {
        return capacities.keySet().stream().mapToInt(id -> availableByType.getOrDefault(id, 0)).sum();
    }
}
