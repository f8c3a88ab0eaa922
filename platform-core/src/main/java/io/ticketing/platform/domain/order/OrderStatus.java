package io.ticketing.platform.domain.order;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an order is in its life. Money moves on exactly one edge, PENDING (or, for a payment that
 * arrived late, EXPIRED or CANCELLED) to PAID; refunds only follow a payment.
 */
public enum OrderStatus {
    PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED, CANCELLED, EXPIRED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(PAID, CANCELLED, EXPIRED),
            PAID, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            REFUNDED, EnumSet.noneOf(OrderStatus.class),
            // A payment can still arrive for an order that ran out of time or was abandoned: it is
            // honoured if the stock is there (otherwise it is refunded and the order flagged).
            CANCELLED, EnumSet.of(PAID),
            EXPIRED, EnumSet.of(PAID));

    public boolean canBecome(OrderStatus target) {
        return NEXT.get(this).contains(target);
    }

    /** The checked step: returns {@code target} or refuses with a message a person understands. */
    public OrderStatus to(OrderStatus target) {
        if (!canBecome(target)) {
            throw new IllegalOrderTransitionException(this, target);
        }
        return target;
    }

    /** Still holding stock for a payment to come. */
    public boolean isOpen() {
        return this == PENDING;
    }
}
