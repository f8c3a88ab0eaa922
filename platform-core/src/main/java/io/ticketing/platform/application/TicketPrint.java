package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.PrintableTicket;
import java.util.List;
import java.util.Locale;

/**
 * Everything a PDF of tickets shows, gathered in the shop's transaction: the shop's name, colour and logo
 * (an http(s) URL or null), the reader's language (dates and money are formatted in it), the order, and
 * each ticket with the signed text its QR code carries.
 */
public record TicketPrint(String shopName, String brandColor, String logoUrl, Locale locale, String orderNumber,
                          List<Ticket> tickets) {

    public TicketPrint {
        tickets = List.copyOf(tickets);
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** A ticket and its pass ({@code TKT1.<shop>.<code>.<mac>}, see {@link TicketPasses}). */
    public record Ticket(PrintableTicket ticket, String pass) {
    }
}
