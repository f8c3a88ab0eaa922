package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.PrintableTicket;
import java.util.List;
import java.util.Locale;

/**
 * Everything a PDF of tickets shows, gathered in the shop's transaction: the shop's name, colour and logo
 * (the image the organizer uploaded, which wins, or an http(s) URL, or neither), the reader's language (dates and money are formatted in it), the order, and
 * each ticket with the signed text its QR code carries.
 */
public record TicketPrint(String shopName, String brandColor, String logoUrl, byte[] uploadedLogo, Locale locale,
                          String orderNumber, List<Ticket> tickets) {

    /** Without an uploaded logo. */
    public TicketPrint(String shopName, String brandColor, String logoUrl, Locale locale, String orderNumber, List<Ticket> tickets) {
        this(shopName, brandColor, logoUrl, null, locale, orderNumber, tickets);
    }

    public TicketPrint {
        tickets = List.copyOf(tickets);
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** A ticket and its pass ({@code TKT1.<shop>.<code>.<mac>}, see {@link TicketPasses}). */
    public record Ticket(PrintableTicket ticket, String pass) {
    }
}
