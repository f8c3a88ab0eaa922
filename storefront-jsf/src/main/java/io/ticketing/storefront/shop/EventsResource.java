package io.ticketing.storefront.shop;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventQuery;
import io.ticketing.platform.application.EventSummary;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.application.EventPage;
import io.ticketing.platform.json.JsonFields;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The shop's public event listing: {@code GET /api/events?from=2026-12-01&to=2027-01-01&venue=3&category=Jazz&q=night&limit=50&page=2}.
 * Dates are days (UTC midnight) or ISO date-times with an offset; {@code from} defaults to now;
 * {@code q} is text in the title (any case); {@code page} counts from 1 in pages of {@code limit}.
 */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped // one instance: nothing per request is kept in fields
public class EventsResource {

    @Inject
    EventCatalog catalog;

    @Inject
    HoldService holds;

    @GET
    public Response list(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("venue") String venue, @QueryParam("category") String category,
                         @QueryParam("limit") @DefaultValue("50") String limit,
                         @QueryParam("q") String text, @QueryParam("page") @DefaultValue("1") String page) {
        EventQuery query;
        try {
            int size = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, number("limit", limit))); // clamped, not wrapped
            long pageNumber = number("page", page);
            if (pageNumber < 1) {
                throw new BadParameter("page", "page is a whole number from 1");
            }
            if (pageNumber - 1 > EventQuery.MAX_OFFSET / Math.max(size, 1)) { // so no product overflows
                throw new BadParameter("page", "page is at most " + (EventQuery.MAX_OFFSET / Math.max(size, 1) + 1)
                        + " with this limit");
            }
            query = new EventQuery(
                    from == null ? OffsetDateTime.now(ZoneOffset.UTC) : time("from", from),
                    to == null ? null : time("to", to),
                    venue == null ? null : number("venue", venue),
                    category,
                    text, null, null,
                    (int) ((pageNumber - 1) * Math.max(size, 1)),
                    size);
        } catch (BadParameter e) {
            return problem(e.field, e.getMessage());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String field = message.substring(0, Math.max(0, message.indexOf(' ')));
            // The query's name for what this API calls q.
            return problem("text".equals(field) ? "q" : field, message);
        }
        var events = JSON.createArrayBuilder();
        List<EventSummary> found = catalog.search(query);
        Map<Long, Integer> left = holds.available(EventSummary.capacities(found));
        for (EventSummary e : found) {
            events.add(json(e).add("ticketsLeft", e.ticketsLeft(left)));
        }
        return Response.ok(JSON.createObjectBuilder().add("events", events).build().toString()).build();
    }

    /**
     * One listed event with its ticket types and what is left of each, live (the rest comes from the cache). Anonymous
     * callers get it through {@link AnonymousPageCache}, so what is left is then up to two of its periods old.
     */
    @GET
    @Path("{id}")
    public String event(@PathParam("id") long id) {
        EventPage event = catalog.listedEvent(id);
        Map<Long, Integer> left = holds.available(event.capacities());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var types = JSON.createArrayBuilder();
        for (EventPage.Offer offer : event.offers()) {
            var type = JSON.createObjectBuilder()
                    .add("id", offer.id())
                    .add("name", offer.name())
                    .add("price", JsonFields.money(offer.price()))
                    .add("available", left.getOrDefault(offer.id(), 0))
                    .add("onSale", offer.onSaleAt(event.status(), now))
                    .add("maxPerOrder", offer.maxPerOrder());
            if (offer.maxPerBuyer() != null) {
                type.add("maxPerBuyer", offer.maxPerBuyer());
            }
            types.add(type);
        }
        var out = JSON.createObjectBuilder()
                .add("id", event.id())
                .add("title", event.title())
                .add("description", event.description() == null ? "" : event.description())
                .add("startsAt", event.startsAt().toOffsetDateTime().toString())
                .add("timeZone", event.startsAt().getZone().getId())
                .add("venue", JSON.createObjectBuilder().add("name", event.venueName()).add("city", event.city()))
                .add("status", event.status().name())
                .add("holdMinutes", event.holdMinutes())
                .add("ticketTypes", types);
        if (event.category() != null) {
            out.add("category", event.category());
        }
        return out.build().toString();
    }

    private static JsonObjectBuilder json(EventSummary e) {
        var out = JSON.createObjectBuilder()
                .add("id", e.id())
                .add("title", e.title())
                .add("startsAt", e.startsAt().toOffsetDateTime().toString())
                .add("timeZone", e.startsAt().getZone().getId())
                .add("venue", JSON.createObjectBuilder().add("name", e.venueName()).add("city", e.city()))
                .add("status", e.status().name());
        if (e.category() != null) {
            out.add("category", e.category());
        }
        if (e.priceFrom() != null) {
            out.add("priceFrom", JsonFields.money(e.priceFrom()));
        }
        return out;
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(field, field + " must be a day (2026-12-24) or a date-time with offset (2026-12-24T20:00+01:00)");
        }
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameter(field, field + " must be a whole number");
        }
    }

    private static Response problem(String field, String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(JSON.createObjectBuilder()
                .add("status", 400).add("error", "invalid_parameter").add("field", field).add("message", message)
                .build().toString()).build();
    }

    /** A query parameter that cannot be read. */
    private static final class BadParameter extends RuntimeException {
        private final String field;

        BadParameter(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
