package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.shared.Money;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a buyer sees of one listed event, as cached for the shop: plain values, no entities.
 * Whether a ticket type is on sale depends on the clock, so it is asked with {@link Offer#onSaleAt}.
 */
public record EventPage(long id, String title, String description, String category, ZonedDateTime startsAt,
                        String venueName, String venueAddress, String city, EventStatus status, int holdMinutes,
                        List<Offer> offers) implements Serializable {

    public EventPage {
        offers = List.copyOf(offers);
    }

    /** One ticket type as offered; a null end of the sale window is open. */
    public record Offer(long id, String name, Money price, int capacity, OffsetDateTime saleStartsAt,
                        OffsetDateTime saleEndsAt, int maxPerOrder, Integer maxPerBuyer) implements Serializable {

        public boolean onSaleAt(EventStatus eventStatus, OffsetDateTime now) {
            return TicketType.onSale(eventStatus, saleStartsAt, saleEndsAt, now);
        }
    }

    /** Ticket type id to capacity, to ask the stock engine what is left. */
    public Map<Long, Integer> capacities() {
        return offers.stream().collect(Collectors.toMap(Offer::id, Offer::capacity));
    }
}
