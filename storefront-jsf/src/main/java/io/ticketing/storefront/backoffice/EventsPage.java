package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogAdministration;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every event of the shop ({@code /manage/events/index.xhtml}): drafts, on sale, sold out and cancelled,
 * soonest first, with the venue, the local start in the venue's zone and tickets sold, held and available
 * (one stock read for the whole page). Filtered by a GET form: {@code ?status=ON_SALE&q=jazz}.
 */
@Named("eventsPage")
@RequestScoped
public class EventsPage {

    @Inject
    CatalogAdministration catalog;
    @Inject
    HoldService holds;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private List<Row> rows;

    /** One event's line: its totals over its ticket types. */
    public record Row(Event event, ZonedDateTime startsAt, int sold, int held, int available, int capacity) {
        public long id() {
            return event.getId();
        }
    }

    public List<EventStatus> getStatuses() {
        return Arrays.asList(EventStatus.values());
    }

    public String statusLabel(EventStatus status) {
        return fmt.text("events.status." + status.name());
    }

    /** The chosen status, or null for all. */
    public EventStatus getStatus() {
        String s = request.getParameter("status");
        try {
            return s == null || s.isBlank() ? null : EventStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String getQ() {
        String q = request.getParameter("q");
        return q == null ? "" : q.strip();
    }

    public List<Row> getRows() {
        if (rows == null) {
            EventStatus status = getStatus();
            String q = getQ().toLowerCase(Locale.ROOT);
            List<Event> events = catalog.events().stream()
                    .filter(e -> status == null || e.getStatus() == status)
                    .filter(e -> q.isEmpty() || matches(e, q))
                    .toList();
            Map<Long, Integer> capacities = new HashMap<>();
            events.forEach(e -> e.getTicketTypes().forEach(t -> capacities.put(t.getId(), t.getCapacity())));
            Map<Long, HoldService.TypeStock> stock = holds.stockOf(capacities);
            rows = events.stream().map(e -> {
                int sold = 0;
                int held = 0;
                int available = 0;
                int capacity = 0;
                for (TicketType t : e.getTicketTypes()) {
                    HoldService.TypeStock s = stock.getOrDefault(t.getId(), HoldService.TypeStock.NONE);
                    sold += s.sold();
                    held += s.held();
                    available += s.available();
                    capacity += t.getCapacity();
                }
                return new Row(e, e.getStartsAt().atZoneSameInstant(e.getVenue().getTimeZone()), sold, held, available, capacity);
            }).toList();
        }
        return rows;
    }

    public boolean isNoEvents() {
        return getRows().isEmpty();
    }

    public boolean isMayChange() {
        return EventForms.mayChange(request);
    }

    private static boolean matches(Event e, String q) {
        return contains(e.getTitle(), q) || contains(e.getCategory(), q) || contains(e.getVenue().getName(), q)
                || contains(e.getVenue().getCity(), q);
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }
}
