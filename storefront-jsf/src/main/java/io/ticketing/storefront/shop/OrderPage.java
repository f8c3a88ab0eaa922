package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventPage;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.domain.order.IssuedTicket;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One order as its buyer sees it ({@code /orders/{id}}): where it stands, its lines and totals,
 * and its tickets once paid. While it waits for the payment's outcome the page asks again on its
 * own (shop.js) and shows PAID, or declined/expired with the seats given back and a way back to the
 * event. {@link ShopPageServlet} found the order and checked that the reader may see it.
 */
@Named("orderPage")
@RequestScoped
public class OrderPage {

    static final String ORDER = "ticketing.order";

    @Inject
    HttpServletRequest request;
    @Inject
    OrderService orders;
    @Inject
    EventCatalog catalog;
    @Inject
    Shopper shopper;

    private OrderView order;
    private List<IssuedTicket> tickets;
    private Map<Long, EventPage> events;

    public OrderView getOrder() {
        if (order == null) {
            order = (OrderView) request.getAttribute(ORDER);
        }
        return order;
    }

    public boolean isPending() {
        return getOrder().status() == OrderStatus.PENDING;
    }

    public boolean isPaid() {
        return getOrder().status() == OrderStatus.PAID || getOrder().status() == OrderStatus.PARTIALLY_REFUNDED
                || getOrder().status() == OrderStatus.REFUNDED;
    }

    /** Ended without a payment: declined, cancelled or out of time; its seats are back on sale. */
    public boolean isEnded() {
        return getOrder().status() == OrderStatus.CANCELLED || getOrder().status() == OrderStatus.EXPIRED;
    }

    public List<IssuedTicket> getTickets() {
        if (tickets == null) {
            tickets = isPaid() ? orders.tickets(getOrder()) : List.of();
        }
        return tickets;
    }

    /** The events of the order's lines that are still listed, for their names and a way back to them. */
    public List<EventPage> getEvents() {
        if (events == null) {
            events = new LinkedHashMap<>();
            for (PricedLine line : getOrder().lines()) {
                if (!events.containsKey(line.eventId())) {
                    try {
                        events.put(line.eventId(), catalog.listedEvent(line.eventId()));
                    } catch (CatalogNotFoundException e) {
                        // no longer listed (past, cancelled): the line still says what was bought
                    }
                }
            }
        }
        return new ArrayList<>(events.values());
    }

    public String eventTitle(PricedLine line) {
        getEvents();
        EventPage event = events.get(line.eventId());
        return event == null ? "" : event.title();
    }

    /** A moment of the order in the time zone of its (first) event, where the buyer will be; UTC otherwise. */
    public ZonedDateTime local(Instant moment) {
        ZoneId zone = getEvents().isEmpty() ? ZoneOffset.UTC : getEvents().get(0).startsAt().getZone();
        return moment == null ? null : moment.atZone(zone);
    }

    /** The order's own link, which opens it from any browser: what a guest keeps to come back. */
    public String getLink() {
        return OidcBrowserFlow.absolute(request, ShopPage.url(request, "/")) + orders.linkPath(getOrder().id());
    }

    /** The order's valid tickets as one PDF; the link key opens it from wherever the page was opened. */
    public String getTicketsPdfLink() {
        return ShopPage.url(request, "/orders/" + getOrder().id() + "/tickets.pdf") + "?key=" + orders.linkKey(getOrder().id());
    }

    public boolean isGuestOrder() {
        return io.ticketing.platform.application.GuestCheckout.isGuest(getOrder().buyer());
    }
}
