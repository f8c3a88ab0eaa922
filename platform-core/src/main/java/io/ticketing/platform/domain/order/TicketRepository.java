package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.stock.HeldTicket;
import java.util.List;
import java.util.UUID;

/**
 * Issued tickets: one per paid seat, voided by refunds.
 */
public interface TicketRepository {

    /** One ticket per held seat, with an unguessable code (122 random bits); returns how many. */
    int issueTickets(UUID orderId);

    /** The order's tickets, valid ones first, in the order they were issued. */
    List<IssuedTicket> ofOrder(UUID orderId);

    /** The order's valid tickets as printed (PDF tickets), in the order {@link #ofOrder} lists them. */
    List<PrintableTicket> printable(UUID orderId);

    /** Of one ticket type, how many the order bought and how many valid tickets it has. */
    record TypeCount(long ticketTypeId, int bought, int issued) {
    }

    /** The ticket types whose valid tickets differ in number from what the order bought (none when all is well). */
    List<TypeCount> issuedDifferingFromBought(UUID orderId);

    /**
     * Voids {@code quantity} valid tickets of the type (the latest issued first) and returns the
     * seats they occupied, as held tickets, so the caller can put them back on sale.
     */
    List<HeldTicket> voidTickets(UUID orderId, long ticketTypeId, int quantity);

    /** Voids tickets without giving their seats back (the organizer keeps them off sale); returns the seats' slots (null when unnumbered). */
    List<Integer> voidOnly(UUID orderId, long ticketTypeId, int quantity);
}
