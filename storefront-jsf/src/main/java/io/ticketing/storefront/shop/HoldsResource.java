package io.ticketing.storefront.shop;

import io.ticketing.platform.interfaces.rest.ProblemMapper;
import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.json.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's holds: {@code POST /api/holds} with {@code {ticketTypeId, quantity}} or
 * {@code {items: [{ticketTypeId, quantity}, ...]}} (all or nothing); {@code GET} and
 * {@code DELETE /api/holds/{id}}; {@code POST /api/holds/{id}/extend} for more time, once. Only the buyer who placed a hold sees or releases it. Where the
 * shop allows guest checkout, a first hold without sign-in makes its buyer a guest and answers with
 * their {@code Guest-Token} (header and {@code guestToken}).
 */
@Path("holds")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped // one instance: nothing per request is kept in fields
public class HoldsResource {

    @Inject
    HoldService holds;

    @Inject
    Buyers buyers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        List<HoldLine> lines = new ArrayList<>();
        if (json.containsKey("items")) {
            if (json.get("items").getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidFieldException("items", "items must be a list of {ticketTypeId, quantity}");
            }
            for (JsonValue item : json.getJsonArray("items")) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new InvalidFieldException("items", "items must be a list of {ticketTypeId, quantity}");
                }
                lines.add(line(item.asJsonObject()));
            }
        } else {
            lines.add(line(json));
        }
        Buyers.Buyer buyer = buyers.holding(request);
        Hold hold;
        try {
            hold = holds.place(buyer.requester(), lines);
        } catch (SoldOutException e) {
            return ProblemMapper.soldOut(e);
        }
        if (buyer.newGuestToken() == null) {
            return Response.created(URI.create("holds/" + hold.id())).entity(json(hold).build().toString()).build();
        }
        // A new guest: the token is shown this once; it is how they reach their holds and orders from now on.
        return Response.created(URI.create("holds/" + hold.id())).header(Buyers.GUEST_TOKEN_HEADER, buyer.newGuestToken())
                .entity(json(hold).add("guestToken", buyer.newGuestToken()).build().toString()).build();
    }

    @GET
    @Path("{id}")
    public String get(@Context HttpServletRequest request, @PathParam("id") String id) {
        return json(holds.find(buyer(request), holdId(id))).build().toString();
    }

    /** More time for the hold, once, while none of its ticket types is sold out (409 otherwise, with the reason). */
    @POST
    @Path("{id}/extend")
    public String extend(@Context HttpServletRequest request, @PathParam("id") String id) {
        return json(holds.extend(buyer(request), holdId(id))).build().toString();
    }

    @DELETE
    @Path("{id}")
    public Response release(@Context HttpServletRequest request, @PathParam("id") String id) {
        holds.release(buyer(request), holdId(id));
        return Response.noContent().build();
    }

    private static HoldLine line(JsonObject item) {
        Integer quantity = JsonFields.integer(item, "quantity");
        return new HoldLine(JsonFields.requiredLong(item, "ticketTypeId"), quantity == null ? 1 : quantity);
    }

    private static UUID holdId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException("No hold " + id + " in this shop", 404);
        }
    }

    private String buyer(HttpServletRequest request) {
        return buyers.reading(request).subject();
    }

    static JsonObjectBuilder json(Hold hold) {
        var items = JSON.createArrayBuilder();
        hold.lines().forEach(l -> items.add(JSON.createObjectBuilder()
                .add("ticketTypeId", l.ticketTypeId()).add("quantity", l.quantity())));
        return JSON.createObjectBuilder()
                .add("holdId", hold.id().toString())
                .add("status", hold.status().name())
                .add("createdAt", hold.createdAt().toString())
                .add("expiresAt", hold.expiresAt().toString())
                .add("extended", hold.extended())
                .add("tickets", hold.ticketCount())
                .add("items", items);
    }
}
