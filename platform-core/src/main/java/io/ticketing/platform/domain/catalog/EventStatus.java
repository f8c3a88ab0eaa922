package io.ticketing.platform.domain.catalog;

/** Where an event stands; buyers see ON_SALE and SOLD_OUT events. */
public enum EventStatus {
    DRAFT,
    ON_SALE,
    SOLD_OUT,
    CANCELLED;

    public boolean isListed() {
        return this == ON_SALE || this == SOLD_OUT;
    }
}
