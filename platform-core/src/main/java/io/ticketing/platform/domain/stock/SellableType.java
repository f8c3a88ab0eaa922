package io.ticketing.platform.domain.stock;

/**
 * What the hold path needs to know of a ticket type, read in the hold's own transaction;
 * {@code onSale} is decided by the database's clock (event on sale, inside the sale window).
 */
public record SellableType(long id, String name, int capacity, boolean onSale, int maxPerOrder,
                           Integer maxPerBuyer, int holdMinutes) {
}
