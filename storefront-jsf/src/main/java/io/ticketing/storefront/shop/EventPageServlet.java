package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventCatalog;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The event page's address, {@code /events/{id}} (under {@code /t/{slug}/} or on the shop's own
 * host), served by the Faces view {@code event.xhtml}. Anything but a plain id is the shop's
 * friendly 404, never a stack trace.
 */
@WebServlet("/events/*")
public class EventPageServlet extends HttpServlet {

    @Inject
    EventCatalog catalog;

    private static final Pattern ID = Pattern.compile("/[1-9][0-9]{0,17}/?");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo();
        if (path == null || !ID.matcher(path).matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            // Read before the view renders: an unknown, draft or other shop's event is a 404 page, not a broken one.
            request.setAttribute(EventView.EVENT, catalog.listedEvent(Long.parseLong(path.replace("/", ""))));
        } catch (CatalogNotFoundException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.getRequestDispatcher("/event.xhtml").forward(request, response);
    }
}
