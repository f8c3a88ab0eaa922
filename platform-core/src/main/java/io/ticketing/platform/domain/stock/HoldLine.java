package io.ticketing.platform.domain.stock;

/** So many tickets of one ticket type. */
public record HoldLine(long ticketTypeId, int quantity) {
}
