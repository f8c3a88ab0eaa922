package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.Promotions;
import io.ticketing.platform.application.TicketDocuments;
import io.ticketing.platform.application.TicketsNotIssuedException;
import io.ticketing.platform.domain.order.OrderView;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.ticketing.storefront.LanguageChoice;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The buyer's pages by their addresses (under {@code /t/{slug}/} or on the shop's own host):
 * {@code /events/{id}}, {@code /cart}, {@code /orders/{id}} (the buyer's own order, or anyone's
 * with the order's link key, {@code ?key=}) and {@code /unsubscribe?t=} (a promotion's unsubscribe link). Served by Faces views, which post their forms back to
 * the same address ({@link #SERVED_ADDRESS}); {@code /orders/{id}/tickets.pdf} is the paid order's tickets
 * as one PDF, by the same rules as its page (or for the shop's staff). What is not there, or not the reader's, is the shop's
 * friendly 404, never a stack trace, and never a hint that someone else's order exists.
 */
@WebServlet(urlPatterns = {"/events/*", "/orders/*", "/cart", "/unsubscribe"})
public class ShopPageServlet extends HttpServlet {

    /** The address a view was reached by, for its forms to post back to. */
    public static final String SERVED_ADDRESS = "ticketing.servedAddress";

    private static final Pattern EVENT_ID = Pattern.compile("/[1-9][0-9]{0,17}/?");
    private static final Pattern ORDER_ID = Pattern.compile("/[0-9a-fA-F-]{36}/?");
    private static final Pattern TICKETS_PDF = Pattern.compile("/([0-9a-fA-F-]{36})/tickets\\.pdf");

    @Inject
    EventCatalog catalog;
    @Inject
    OrderService orders;
    @Inject
    Shopper shopper;
    @Inject
    TicketDocuments ticketDocuments;
    @Inject
    Promotions promotions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        serve(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        serve(request, response);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Matcher pdf = TICKETS_PDF.matcher(path);
        if ("/orders".equals(request.getServletPath()) && pdf.matches()) {
            ticketsPdf(request, response, pdf.group(1));
            return;
        }
        String view;
        try {
            view = switch (request.getServletPath()) {
                case "/events" -> event(request, path);
                case "/orders" -> order(request, path);
                case "/unsubscribe" -> promotions.valid(request.getParameter("t")) ? "/unsubscribe.xhtml" : null;
                default -> "/cart.xhtml";
            };
        } catch (CatalogNotFoundException | IllegalArgumentException e) {
            view = null;
        }
        if (view == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.setAttribute(SERVED_ADDRESS, request.getServletPath() + path);
        request.getRequestDispatcher(view).forward(request, response);
    }

    /** Read before the view renders: an unknown, draft or other shop's event is a 404 page, not a broken one. */
    private String event(HttpServletRequest request, String path) {
        if (!EVENT_ID.matcher(path).matches()) {
            return null;
        }
        request.setAttribute(EventView.EVENT, catalog.listedEvent(Long.parseLong(path.replace("/", ""))));
        return "/event.xhtml";
    }

    private String order(HttpServletRequest request, String path) {
        if (!ORDER_ID.matcher(path).matches()) {
            return null;
        }
        OrderView order = visibleOrder(request, UUID.fromString(path.replace("/", "")), false);
        if (order == null) {
            return null;
        }
        request.setAttribute(OrderPage.ORDER, order);
        return "/order.xhtml";
    }

    /** The order if the reader may see it: by its link key, as its signed-in buyer, or (where allowed) as the shop's staff. */
    private OrderView visibleOrder(HttpServletRequest request, UUID id, boolean staffToo) {
        String key = request.getParameter("key");
        if (key != null) {
            return orders.findByLink(id, key);
        }
        if (staffToo && SignInFilter.current(request).filter(SignedInUser::organizer).isPresent()) {
            return orders.find(id);
        }
        Buyers.Buyer buyer = shopper.current();
        return buyer == null ? null : orders.findOwn(buyer.subject(), id);
    }

    /**
     * The order's valid tickets as one PDF, a page each, in the reader's language. Personal (the holder's
     * name, codes that admit): never kept by a shared cache. An order that is not paid is a 409 saying so.
     */
    private void ticketsPdf(HttpServletRequest request, HttpServletResponse response, String id)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Locale locale = readersLanguage(request);
        OrderView order;
        byte[] pdf;
        try {
            order = visibleOrder(request, UUID.fromString(id), true);
            if (order == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            pdf = ticketDocuments.orderTickets(order, locale);
        } catch (CatalogNotFoundException | IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        } catch (TicketsNotIssuedException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(new Formats(locale).text("tickets.pdf." + e.reason().name()));
            return;
        }
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + ticketDocuments.fileName(order) + "\"");
        response.setHeader("Cache-Control", "private, no-store");
        response.setContentLength(pdf.length);
        response.getOutputStream().write(pdf);
    }

    /** The shop language the reader chose, else the first of theirs the shop speaks, else English. */
    public static Locale readersLanguage(HttpServletRequest request) {
        return LanguageChoice.chosen(request).orElseGet(() -> {
            String accepted = request.getHeader("Accept-Language");
            try {
                return accepted == null ? Locale.ENGLISH : Locale.filter(Locale.LanguageRange.parse(accepted), LanguageChoice.LANGUAGES)
                        .stream().findFirst().orElse(Locale.ENGLISH);
            } catch (IllegalArgumentException e) {
                return Locale.ENGLISH;
            }
        });
    }
}
