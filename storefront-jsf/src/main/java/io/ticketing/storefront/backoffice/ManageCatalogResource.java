package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.CatalogAdministration;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.application.ShopSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.catalog.Venue;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.StaffOnly;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/**
 * The organizer's catalog API: venues, events (with drafts), ticket types and the event's status
 * (coupons: {@link ManageCouponsResource}). Organizer admins and staff change them, every change audited by
 * {@link CatalogAdministration}.
 */
@StaffOnly
@Path("manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ManageCatalogResource {

    /** The width of {@code venue.address}; other text fields are checked by CatalogAdministration. */
    static final int MAX_ADDRESS = 500;
    /** {@code event.description} is unbounded text in the database; a page does not need more. */
    static final int MAX_DESCRIPTION = 20_000;

    @Inject
    CatalogAdministration catalog;

    @Inject
    ShopSettings shopSettings;

    @Inject
    HoldService holds;

    /** {@code {name, address?, city, country?, timeZone}} */
    @POST
    @Path("venues")
    public Response addVenue(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        Venue venue = catalog.addVenue(SignedInUser.actorOf(request), JsonFields.text(json, "name"), JsonFields.text(json, "address", MAX_ADDRESS),
                JsonFields.text(json, "city"), JsonFields.text(json, "country"), JsonFields.text(json, "timeZone"));
        return Response.created(URI.create("venues/" + venue.getId())).entity(venue(venue).build().toString()).build();
    }

    /** {@code {name, address?, city, country?, timeZone}}: all of them, as for a new one. */
    @PUT
    @Path("venues/{id}")
    public String editVenue(@Context HttpServletRequest request, @PathParam("id") long id, String body) {
        JsonObject json = JsonFields.parse(body);
        return venue(catalog.editVenue(SignedInUser.actorOf(request), id, JsonFields.text(json, "name"),
                JsonFields.text(json, "address", MAX_ADDRESS), JsonFields.text(json, "city"), JsonFields.text(json, "country"),
                JsonFields.text(json, "timeZone"))).build().toString();
    }

    @GET
    @Path("venues")
    public String venues() {
        var list = JSON.createArrayBuilder();
        catalog.venues().forEach(v -> list.add(venue(v)));
        return JSON.createObjectBuilder().add("venues", list).build().toString();
    }

    /** {@code {venueId, title, description?, category?, startsAt, endsAt?, holdMinutes?}}; a new event is a DRAFT. */
    @POST
    @Path("events")
    public Response addEvent(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        Event event = catalog.addEvent(SignedInUser.actorOf(request), JsonFields.requiredLong(json, "venueId"), JsonFields.text(json, "title"),
                JsonFields.text(json, "description", MAX_DESCRIPTION), JsonFields.text(json, "category"),
                JsonFields.time(json, "startsAt"), JsonFields.time(json, "endsAt"), JsonFields.integer(json, "holdMinutes"));
        return Response.created(URI.create("events/" + event.getId())).entity(event(event).build().toString()).build();
    }

    @GET
    @Path("events")
    public String events() {
        var list = JSON.createArrayBuilder();
        catalog.events().forEach(e -> list.add(event(e)));
        return JSON.createObjectBuilder().add("events", list).build().toString();
    }

    /** The event with each ticket type's {@code sold}, {@code held} and {@code available} (the page's figures). */
    @GET
    @Path("events/{id}")
    public String event(@PathParam("id") long id) {
        Event event = catalog.event(id);
        Map<Long, HoldService.TypeStock> stock = holds.stockOf(capacities(event));
        JsonObjectBuilder out = event(event);
        var types = JSON.createArrayBuilder();
        event.getTicketTypes().forEach(t -> {
            HoldService.TypeStock s = stock.getOrDefault(t.getId(), HoldService.TypeStock.NONE);
            types.add(ticketType(t).add("sold", s.sold()).add("held", s.held()).add("available", s.available()));
        });
        return out.add("ticketTypes", types).build().toString();
    }

    static Map<Long, Integer> capacities(Event event) {
        Map<Long, Integer> capacities = new java.util.HashMap<>();
        event.getTicketTypes().forEach(t -> capacities.put(t.getId(), t.getCapacity()));
        return capacities;
    }

    /** {@code {venueId, title, description?, category?, startsAt, endsAt?, holdMinutes?}}: all of them, as for a new one. */
    @PUT
    @Path("events/{id}")
    public String editEvent(@Context HttpServletRequest request, @PathParam("id") long id, String body) {
        JsonObject json = JsonFields.parse(body);
        return event(catalog.editEvent(SignedInUser.actorOf(request), id, JsonFields.requiredLong(json, "venueId"),
                JsonFields.text(json, "title"), JsonFields.text(json, "description", MAX_DESCRIPTION),
                JsonFields.text(json, "category"), JsonFields.time(json, "startsAt"), JsonFields.time(json, "endsAt"),
                JsonFields.integer(json, "holdMinutes"))).build().toString();
    }

    /** {@code {startsAt, endsAt?}}: a DRAFT copy with copies of the ticket types, their own stock. */
    @POST
    @Path("events/{id}/duplicate")
    public Response duplicateEvent(@Context HttpServletRequest request, @PathParam("id") long id, String body) {
        JsonObject json = JsonFields.parse(body);
        Event copy = catalog.duplicateEvent(SignedInUser.actorOf(request), id, JsonFields.time(json, "startsAt"),
                JsonFields.time(json, "endsAt"));
        return Response.created(URI.create("events/" + copy.getId())).entity(event(copy).build().toString()).build();
    }

    /** {@code {name, price: {amount, currency}, capacity, saleStartsAt?, saleEndsAt?, maxPerOrder?, maxPerBuyer?}} */
    @POST
    @Path("events/{id}/ticket-types")
    public Response addTicketType(@Context HttpServletRequest request, @PathParam("id") long eventId, String body) {
        JsonObject json = JsonFields.parse(body);
        Integer capacity = JsonFields.integer(json, "capacity");
        if (capacity == null) {
            throw new InvalidFieldException("capacity", "capacity is required");
        }
        TicketType type = catalog.addTicketType(SignedInUser.actorOf(request), eventId, JsonFields.text(json, "name"),
                JsonFields.money(json, "price"), capacity, JsonFields.time(json, "saleStartsAt"), JsonFields.time(json, "saleEndsAt"),
                JsonFields.integer(json, "maxPerOrder", 10), JsonFields.integer(json, "maxPerBuyer"));
        return Response.created(URI.create("ticket-types/" + type.getId())).entity(ticketType(type).build().toString()).build();
    }

    /**
     * {@code {name, price, capacity, saleStartsAt?, saleEndsAt?, maxPerOrder?, maxPerBuyer?}}: all of them, as for a
     * new one. 422 (field capacity) below sold + held, the numbers in the message; 409 lowering it on sale.
     */
    @PUT
    @Path("events/{id}/ticket-types/{typeId}")
    public String editTicketType(@Context HttpServletRequest request, @PathParam("id") long eventId,
                                 @PathParam("typeId") long typeId, String body) {
        JsonObject json = JsonFields.parse(body);
        Integer capacity = JsonFields.integer(json, "capacity");
        if (capacity == null) {
            throw new InvalidFieldException("capacity", "capacity is required");
        }
        TicketType type = catalog.editTicketType(SignedInUser.actorOf(request), eventId, typeId, JsonFields.text(json, "name"),
                JsonFields.money(json, "price"), capacity, JsonFields.time(json, "saleStartsAt"), JsonFields.time(json, "saleEndsAt"),
                JsonFields.integer(json, "maxPerOrder", 10), JsonFields.integer(json, "maxPerBuyer"));
        return ticketType(type).build().toString();
    }

    /** {@code {"status": "ON_SALE" | "DRAFT" | "CANCELLED"}} */
    @PUT
    @Path("events/{id}/status")
    public String changeStatus(@Context HttpServletRequest request, @PathParam("id") long eventId, String body) {
        String status = JsonFields.text(JsonFields.parse(body), "status");
        EventStatus target;
        try {
            target = EventStatus.valueOf(String.valueOf(status));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "status is one of ON_SALE, DRAFT, CANCELLED");
        }
        if (target == EventStatus.SOLD_OUT) {
            throw new InvalidFieldException("status", "SOLD_OUT follows from the stock; set ON_SALE, DRAFT or CANCELLED");
        }
        return event(catalog.changeStatus(SignedInUser.actorOf(request), eventId, target)).build().toString();
    }

    private static JsonObjectBuilder venue(Venue v) {
        var out = JSON.createObjectBuilder().add("id", v.getId()).add("name", v.getName()).add("city", v.getCity())
                .add("timeZone", v.getTimeZone().getId());
        if (v.getAddress() != null) {
            out.add("address", v.getAddress());
        }
        if (v.getCountry() != null) {
            out.add("country", v.getCountry());
        }
        return out;
    }

    private static JsonObjectBuilder event(Event e) {
        var types = JSON.createArrayBuilder();
        e.getTicketTypes().forEach(t -> types.add(ticketType(t)));
        var out = JSON.createObjectBuilder().add("id", e.getId()).add("venueId", e.getVenue().getId())
                .add("title", e.getTitle()).add("status", e.getStatus().name())
                .add("startsAt", e.getStartsAt().toString()).add("holdMinutes", e.getHoldMinutes())
                .add("ticketTypes", types);
        if (e.getEndsAt() != null) {
            out.add("endsAt", e.getEndsAt().toString());
        }
        if (e.getCategory() != null) {
            out.add("category", e.getCategory());
        }
        if (e.getDescription() != null) {
            out.add("description", e.getDescription());
        }
        return out;
    }

    private static JsonObjectBuilder ticketType(TicketType t) {
        var out = JSON.createObjectBuilder().add("id", t.getId()).add("name", t.getName())
                .add("price", JsonFields.money(t.getPrice()))
                .add("capacity", t.getCapacity()).add("maxPerOrder", t.getMaxPerOrder());
        if (t.getMaxPerBuyer() != null) {
            out.add("maxPerBuyer", t.getMaxPerBuyer());
        }
        if (t.getSaleStartsAt() != null) {
            out.add("saleStartsAt", t.getSaleStartsAt().toString());
        }
        if (t.getSaleEndsAt() != null) {
            out.add("saleEndsAt", t.getSaleEndsAt().toString());
        }
        return out;
    }
}
