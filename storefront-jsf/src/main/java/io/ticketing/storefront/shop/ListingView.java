package io.ticketing.storefront.shop;

import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventQuery;
import io.ticketing.platform.application.EventSummary;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.storefront.security.SignInFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shop's listing as its page shows it: the search form's parameters read from a bookmarkable
 * GET ({@code ?q=&from=&to=&venue=&category=&page=}), a page of matching upcoming events from the
 * catalog's cache, live availability for that page, and links to the pages around it. A parameter
 * that cannot be used is left out with a message; the rest still applies, so a person always gets a
 * listing, never an error page. Rules stay in the core ({@link EventQuery}); this only reads.
 */
@Named("listing")
@RequestScoped
public class ListingView {

    static final int PAGE_SIZE = 20;
    /** The deepest page the catalog pages to. */
    static final int LAST_PAGE = EventQuery.MAX_OFFSET / PAGE_SIZE + 1;
    /** How much of a bad value a message quotes back. */
    private static final int QUOTED = 30;

    @Inject
    EventCatalog catalog;
    @Inject
    HoldService holds;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    private boolean read;
    private String text;
    private LocalDate from;
    private LocalDate to;
    private Long venue;
    private String category;
    private int page = 1;
    private final List<String> problems = new ArrayList<>();
    private EventCatalog.ListingChoices choices;

    private List<EventSummary> events;
    private boolean hasNext;
    private Map<Long, Integer> available;
    private Boolean shopEmpty;

    /** Reads and checks the parameters once per request; each bad one is dropped with a message. */
    private void read() {
        if (read) {
            return;
        }
        read = true;
        choices = catalog.listingChoices(now);
        text = parameter("q");
        if (text != null && text.codePointCount(0, text.length()) > EventQuery.MAX_TEXT) {
            problems.add(fmt.text("listing.problem.text", EventQuery.MAX_TEXT));
            text = null;
        }
        from = day("from", "listing.from");
        to = day("to", "listing.to");
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(fmt.text("listing.problem.order"));
            to = null;
        }
        String venueParameter = parameter("venue");
        if (venueParameter != null) {
            venue = choices.venues().stream().filter(v -> Long.toString(v.id()).equals(venueParameter))
                    .map(EventCatalog.VenueChoice::id).findFirst().orElse(null);
            if (venue == null) {
                problems.add(fmt.text("listing.problem.venue"));
            }
        }
        String categoryParameter = parameter("category");
        if (categoryParameter != null) {
            // The select offers the categories of upcoming events; one not there would be chosen yet not shown.
            category = choices.categories().stream().filter(c -> c.equalsIgnoreCase(categoryParameter)).findFirst().orElse(null);
            if (category == null) {
                problems.add(fmt.text("listing.problem.category"));
            }
        }
        String pageParameter = parameter("page");
        if (pageParameter != null) {
            try {
                page = Integer.parseInt(pageParameter);
            } catch (NumberFormatException e) {
                page = 0;
            }
            if (page < 1 || page > LAST_PAGE) {
                problems.add(fmt.text("listing.problem.page", quoted(pageParameter), LAST_PAGE));
                page = 1;
            }
        }
    }

    /** A parameter stripped, or null when absent or blank. */
    private String parameter(String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An HTML date input's value (2026-12-24), in the years the catalog pages through; otherwise null and a message. */
    private LocalDate day(String name, String labelKey) {
        String value = parameter(name);
        if (value == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() >= 1900 && day.getYear() <= 9999) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // told below
        }
        problems.add(fmt.text("listing.problem.date", quoted(value), fmt.text(labelKey)));
        return null;
    }

    private static String quoted(String value) {
        return value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "…";
    }

    /** This page of the matching events, soonest first. */
    public List<EventSummary> getEvents() {
        if (events == null) {
            read();
            EventQuery query = EventQuery.upcoming(now, PAGE_SIZE + 1);
            try {
                query = new EventQuery(now, null, venue, category, text, from, to, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
            } catch (IllegalArgumentException e) {
                // Everything above was checked; should the core's rules ever be stricter, show the plain listing.
                problems.add(fmt.text("listing.problem.filters"));
            }
            List<EventSummary> found = catalog.search(query);
            hasNext = found.size() > PAGE_SIZE;
            events = hasNext ? found.subList(0, PAGE_SIZE) : found;
        }
        return events;
    }

    /** Messages about parameters left out, in the reader's language. */
    public List<String> getProblems() {
        getEvents();
        return problems;
    }

    public boolean isFiltered() {
        read();
        return text != null || from != null || to != null || venue != null || category != null;
    }

    /** The shop has nothing upcoming at all, whatever the filters. */
    public boolean isShopEmpty() {
        if (shopEmpty == null) {
            // Unfiltered, the first page says it; otherwise ask (from the same cached listing).
            shopEmpty = getEvents().isEmpty() && (!isFiltered() && page == 1 || catalog.upcoming(now, 1).isEmpty());
        }
        return shopEmpty;
    }

    /** Nothing matches the filters (on the first page): the page offers to clear them. */
    public boolean isNoMatch() {
        return getEvents().isEmpty() && !isShopEmpty() && page == 1;
    }

    /** A page past the last one was asked for. */
    public boolean isPastEnd() {
        return getEvents().isEmpty() && !isShopEmpty() && page > 1;
    }

    public int getPage() {
        read();
        return page;
    }

    public boolean isHasPrevious() {
        return getPage() > 1;
    }

    public boolean isHasNext() {
        getEvents();
        return hasNext;
    }

    /** The listing's address in this shop (under /t/{slug}/ when it came that way). */
    public String getAction() {
        return SignInFilter.shopUrl(request, "/");
    }

    public String getPreviousUrl() {
        return pageUrl(getPage() - 1);
    }

    public String getNextUrl() {
        return pageUrl(getPage() + 1);
    }

    public String getFirstPageUrl() {
        return pageUrl(1);
    }

    public String getClearUrl() {
        return getAction();
    }

    /** Page {@code n} with the filters in use (the ones that could be read). */
    String pageUrl(int n) {
        read();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", text);
        parameters.put("from", from == null ? null : from.toString());
        parameters.put("to", to == null ? null : to.toString());
        parameters.put("venue", venue == null ? null : venue.toString());
        parameters.put("category", category);
        parameters.put("page", n > 1 ? Integer.toString(n) : null);
        String query = parameters.entrySet().stream().filter(p -> p.getValue() != null)
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return getAction() + (query.isEmpty() ? "" : "?" + query);
    }

    public String getText() {
        read();
        return text;
    }

    public LocalDate getFrom() {
        read();
        return from;
    }

    public LocalDate getTo() {
        read();
        return to;
    }

    public String getMaxText() {
        return Integer.toString(EventQuery.MAX_TEXT);
    }

    public List<EventCatalog.VenueChoice> getVenues() {
        read();
        return choices.venues();
    }

    public List<String> getCategories() {
        read();
        return choices.categories();
    }

    /** "selected" for the chosen venue's option, null (no attribute) for the others. */
    public String venueSelected(EventCatalog.VenueChoice choice) {
        read();
        return venue != null && venue == choice.id() ? "selected" : null;
    }

    public String categorySelected(String choice) {
        read();
        return choice.equals(category) ? "selected" : null;
    }

    /** Tickets left per ticket type of this page's events, read live from the stock engine once per page. */
    private Map<Long, Integer> available() {
        if (available == null) {
            available = holds.available(EventSummary.capacities(getEvents()));
        }
        return available;
    }

    public boolean soldOut(EventSummary event) {
        return event.status() == EventStatus.SOLD_OUT
                || (!event.capacities().isEmpty() && event.ticketsLeft(available()) == 0);
    }

    /** How many tickets are left when few are (a listing does not shout its stock), 0 otherwise. */
    public int fewLeft(EventSummary event) {
        int left = event.ticketsLeft(available());
        return left > 0 && left <= ShopPage.FEW_LEFT ? left : 0;
    }

    /** None of its ticket types is on sale yet: the row says from when. */
    public boolean notYetOnSale(EventSummary event) {
        return !soldOut(event) && event.notYetOnSale(now);
    }

    /** When its sale opens, in the event's own time zone (as its date and time are shown). */
    public ZonedDateTime salesOpen(EventSummary event) {
        return event.salesOpenAt() == null ? null : event.salesOpenAt().atZoneSameInstant(event.startsAt().getZone());
    }
}
