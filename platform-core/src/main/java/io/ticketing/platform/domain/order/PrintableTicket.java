package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.Money;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A valid ticket with what its holder needs at the door: the event, when (in the venue's time zone),
 * where, the ticket type, whose it is (the order's buyer; null when they gave no name or it was
 * erased) and its face value (the ticket type's price on the order).
 */
public record PrintableTicket(String code, String eventTitle, Instant startsAt, ZoneId timeZone, String venueName,
                              String venueAddress, String venueCity, String venueCountry, String ticketType,
                              String holder, Money price) {
}
