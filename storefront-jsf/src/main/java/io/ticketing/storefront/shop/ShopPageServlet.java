package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.Promotions;
import io.ticketing.platform.domain.order.OrderView;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The buyer's pages by their addresses (under {@code /t/{slug}/} or on the shop's own host):
 * {@code /events/{id}}, {@code /cart}, {@code /orders/{id}} (the buyer's own order, or anyone's
 * with the order's link key, {@code ?key=}) and {@code /unsubscribe?t=} (a promotion's unsubscribe link). Served by Faces views, which post their forms back to
 * the same address ({@link #SERVED_ADDRESS}). What is not there, or not the reader's, is the shop's
 * friendly 404, never a stack trace, and never a hint that someone else's order exists.
 */
@WebServlet(urlPatterns = {"/events/*", "/orders/*", "/cart", "/unsubscribe"})
public class ShopPageServlet extends HttpServlet {

    /** The address a view was reached by, for its forms to post back to. */
    public static final String SERVED_ADDRESS = "ticketing.servedAddress";

    private static final Pattern EVENT_ID = Pattern.compile("/[1-9][0-9]{0,17}/?");
    private static final Pattern ORDER_ID = Pattern.compile("/[0-9a-fA-F-]{36}/?");

    @Inject
    EventCatalog catalog;
    @Inject
    OrderService orders;
    @Inject
    Shopper shopper;
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
        UUID id = UUID.fromString(path.replace("/", ""));
        String key = request.getParameter("key");
        OrderView order;
        if (key != null) {
            order = orders.findByLink(id, key);
        } else {
            Buyers.Buyer buyer = shopper.current();
            if (buyer == null) {
                return null;
            }
            order = orders.findOwn(buyer.subject(), id);
        }
        request.setAttribute(OrderPage.ORDER, order);
        return "/order.xhtml";
    }
}
