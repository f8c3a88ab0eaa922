package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.Money;

/** One line of an order at list price, with the share of the discount it carries (for refunds by line). */
public record PricedLine(long ticketTypeId, long eventId, String name, int quantity, Money unitPrice, Money discount) {

    public PricedLine {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be 1 or more");
        }
        if (discount == null) {
            discount = new Money(0, unitPrice.currency());
        }
    }

    public Money gross() {
        return new Money(unitPrice.minorUnits() * quantity, unitPrice.currency());
    }

    /** What the buyer pays for this line. */
    public Money net() {
        return new Money(gross().minorUnits() - discount.minorUnits(), unitPrice.currency());
    }

    PricedLine withDiscount(long minorUnits) {
        return new PricedLine(ticketTypeId, eventId, name, quantity, unitPrice, new Money(minorUnits, unitPrice.currency()));
    }
}
