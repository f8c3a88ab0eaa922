package io.ticketing.storefront.api;

import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventQuery;
import io.ticketing.platform.application.EventSummary;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import jakarta.ws.rs.PathParam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;
import jakarta.json.Json;
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
 * The shop's public event listing: {@code GET /api/events?from=2026-12-01&to=2027-01-01&venue=3&category=Jazz&limit=50}.
 * Dates are days (UTC midnight) or ISO date-times with an offset; {@code from} defaults to now.
 */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @Inject
    EventCatalog catalog;

    @Inject
    HoldService holds;

    @GET
    public Response list(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("venue") String venue, @QueryParam("category") String category,
                         @QueryParam("limit") @DefaultValue("50") String limit) {
        EventQuery query;
        try {
            query = new EventQuery(
                    from == null ? OffsetDateTime.now(ZoneOffset.UTC) : time("from", from),
                    to == null ? null : time("to", to),
                    venue == null ? null : number("venue", venue),
                    category,
                    (int) number("limit", limit));
        } catch (BadParameter e) {
            return problem(e.field, e.getMessage());
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            return problem(message.substring(0, Math.max(0, message.indexOf(' '))), message);
        }
        var events = Json.createArrayBuilder();
        List<EventSummary> found = catalog.search(query);
        Map<Long, Integer> left = holds.available(EventSummary.capacities(found));
        for (EventSummary e : found) {
            events.add(json(e).add("ticketsLeft", e.ticketsLeft(left)));
        }
        return Response.ok(Json.createObjectBuilder().add("events", events).build().toString()).build();
    }

    /** One listed event with its ticket types and what is left of each, live. */
    @GET
    @Path("{id}")
    public String event(@PathParam("id") long id) {
        Event event = catalog.listedEvent(id);
        Map<Long, Integer> capacities = new HashMap<>();
        event.getTicketTypes().forEach(t -> capacities.put(t.getId(), t.getCapacity()));
        Map<Long, Integer> left = holds.available(capacities);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var types = Json.createArrayBuilder();
        event.getTicketTypes().stream().sorted(java.util.Comparator.comparing(TicketType::getId)).forEach(t -> {
            var type = Json.createObjectBuilder()
                    .add("id", t.getId())
                    .add("name", t.getName())
                    .add("price", Json.createObjectBuilder().add("amount", t.getPrice().amount().toPlainString())
                            .add("currency", t.getPrice().currency().getCurrencyCode()))
                    .add("available", left.getOrDefault(t.getId(), 0))
                    .add("onSale", event.getStatus() == EventStatus.ON_SALE && t.isOnSaleAt(now))
                    .add("maxPerOrder", t.getMaxPerOrder());
            if (t.getMaxPerBuyer() != null) {
                type.add("maxPerBuyer", t.getMaxPerBuyer());
            }
            types.add(type);
        });
        return Json.createObjectBuilder()
                .add("id", event.getId())
                .add("title", event.getTitle())
                .add("description", event.getDescription() == null ? "" : event.getDescription())
                .add("startsAt", event.getStartsAt().toString())
                .add("timeZone", event.getVenue().getTimeZone().getId())
                .add("venue", Json.createObjectBuilder().add("name", event.getVenue().getName()).add("city", event.getVenue().getCity()))
                .add("status", event.getStatus().name())
                .add("holdMinutes", event.getHoldMinutes())
                .add("ticketTypes", types)
                .build().toString();
    }

    private static JsonObjectBuilder json(EventSummary e) {
        var out = Json.createObjectBuilder()
                .add("id", e.id())
                .add("title", e.title())
                .add("startsAt", e.startsAt().toOffsetDateTime().toString())
                .add("timeZone", e.startsAt().getZone().getId())
                .add("venue", Json.createObjectBuilder().add("name", e.venueName()).add("city", e.city()))
                .add("status", e.status().name());
        if (e.category() != null) {
            out.add("category", e.category());
        }
        if (e.priceFrom() != null) {
            out.add("priceFrom", Json.createObjectBuilder()
                    .add("amount", e.priceFrom().amount().toPlainString())
                    .add("currency", e.priceFrom().currency().getCurrencyCode()));
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
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Json.createObjectBuilder()
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
