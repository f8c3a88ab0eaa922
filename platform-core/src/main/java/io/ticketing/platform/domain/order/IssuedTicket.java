package io.ticketing.platform.domain.order;

/** A ticket of a paid order as its buyer sees it: the code the door scans, its ticket type, and whether it still counts. */
public record IssuedTicket(String code, long ticketTypeId, String ticketTypeName, boolean valid) {
}
