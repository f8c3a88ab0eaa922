package io.ticketing.platform.domain.stock;

import java.util.Map;

/** Tickets sold per ticket type: valid tickets of paid orders (a refunded, voided ticket no longer counts). */
public interface SoldTickets {

    Map<Long, Integer> validTickets(long[] ticketTypeIds);
}
