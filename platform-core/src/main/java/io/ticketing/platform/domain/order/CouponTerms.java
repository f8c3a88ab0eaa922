package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.Money;
import java.util.Set;

/**
 * What a coupon takes off, and where: a percentage or a fixed amount, limited to some events or
 * ticket types (both empty: the whole shop).
 */
public record CouponTerms(String code, Integer percentOff, Money amountOff, Set<Long> eventIds, Set<Long> ticketTypeIds) {

    public CouponTerms {
        if ((percentOff == null) == (amountOff == null)) {
            throw new IllegalArgumentException("a coupon takes off either a percentage or an amount");
        }
        eventIds = Set.copyOf(eventIds);
        ticketTypeIds = Set.copyOf(ticketTypeIds);
    }

    public boolean covers(PricedLine line) {
        return (eventIds.isEmpty() && ticketTypeIds.isEmpty())
                || eventIds.contains(line.eventId()) || ticketTypeIds.contains(line.ticketTypeId());
    }
}
