package io.ticketing.platform.infrastructure.stock;

import io.ticketing.platform.domain.catalog.EventStatus;
import java.time.OffsetDateTime;

/** What the hold path needs to know of a ticket type, read in the hold's own transaction. */
public record SellableType(long id, String name, long eventId, int capacity, EventStatus eventStatus,
                           OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt, int maxPerOrder,
                           Integer maxPerBuyer, int holdMinutes) {

    public boolean isOnSaleAt(OffsetDateTime now) {
        return eventStatus == EventStatus.ON_SALE
                && (saleStartsAt == null || !now.isBefore(saleStartsAt))
                && (saleEndsAt == null || now.isBefore(saleEndsAt));
    }
}
