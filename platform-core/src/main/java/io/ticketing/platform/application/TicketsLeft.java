package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.stock.SoldTickets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What is left of the events on sale, for the back office's overview: per event its capacity, tickets sold (valid
 * tickets), tickets held (in carts, or ordered and not paid yet) and available, where "available" is what the
 * storefront reads from the stock engine ({@link HoldService#available}) and "held" what is neither sold nor available.
 */
@ApplicationScoped
public class TicketsLeft {

    public static final int MAX_EVENTS = 50;

    @Inject
    EventCatalog catalog;
    @Inject
    HoldService holds;
    @Inject
    TenantTransactions transactions;
    @Inject
    SoldTickets sold;

    public record EventStock(long eventId, String title, java.time.ZonedDateTime startsAt, EventStatus status,
                             long capacity, long sold, long held, long available) {
    }

    /** Listed events (on sale or sold out) from now on, soonest first. */
    public List<EventStock> onSale() {
        List<EventSummary> events = catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), MAX_EVENTS);
        Map<Long, Integer> capacities = EventSummary.capacities(events);
        if (capacities.isEmpty()) {
            return events.stream().map(e -> new EventStock(e.id(), e.title(), e.startsAt(), e.status(), 0, 0, 0, 0)).toList();
        }
        Map<Long, Integer> available = holds.available(capacities);
        long[] ids = capacities.keySet().stream().mapToLong(Long::longValue).toArray();
        Map<Long, Integer> valid = transactions.inTransaction(() -> sold.validTickets(ids));
        return events.stream().map(e -> {
            long capacity = 0;
            long soldCount = 0;
            long left = 0;
            for (Map.Entry<Long, Integer> type : e.capacities().entrySet()) {
                capacity += type.getValue();
                soldCount += valid.getOrDefault(type.getKey(), 0);
                left += available.getOrDefault(type.getKey(), 0);
            }
            return new EventStock(e.id(), e.title(), e.startsAt(), e.status(), capacity, soldCount,
                    Math.max(0, capacity - soldCount - left), left);
        }).toList();
    }
}
