package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.CouponAdministration;
import io.ticketing.platform.domain.catalog.Coupon;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.security.StaffOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.List;

/**
 * The shop's coupons for its organizer admins and staff (area {@code coupons}), through {@link CouponAdministration}
 * as the coupons page: {@code GET /api/manage/coupons} (with usage so far), {@code POST} a new one
 * {@code {code, percentOff | amountOff: {amount, currency}, usageLimit?, validFrom?, validUntil?, eventIds?: [],
 * ticketTypeIds?: []}}, {@code GET /{id}}, {@code PUT /{id}} with the same body (all terms; what is left out is
 * cleared), {@code PUT /{id}/active} with {@code {"active": false}} to switch it off (true: on again).
 */
@StaffOnly
@Path("manage/coupons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageCouponsResource {

    @Inject
    CouponAdministration coupons;

    @POST
    public Response create(@Context HttpServletRequest request, String body) {
        Coupon coupon = coupons.create(SignedInUser.actorOf(request), terms(JsonFields.parse(body)));
        return Response.created(URI.create("coupons/" + coupon.getId())).entity(coupon(coupon, null).build().toString()).build();
    }

    @GET
    public String list() {
        var list = JSON.createArrayBuilder();
        coupons.overview().forEach(line -> list.add(coupon(line.coupon(), line.usage())));
        return JSON.createObjectBuilder().add("coupons", list).build().toString();
    }

    @GET
    @Path("{id}")
    public String one(@PathParam("id") long id) {
        return coupon(coupons.coupon(id), null).build().toString();
    }

    @PUT
    @Path("{id}")
    public String edit(@Context HttpServletRequest request, @PathParam("id") long id, String body) {
        return coupon(coupons.edit(SignedInUser.actorOf(request), id, terms(JsonFields.parse(body))), null).build().toString();
    }

    @PUT
    @Path("{id}/active")
    public String activate(@Context HttpServletRequest request, @PathParam("id") long id, String body) {
        JsonValue active = JsonFields.parse(body).get("active");
        if (active == null || (active.getValueType() != JsonValue.ValueType.TRUE && active.getValueType() != JsonValue.ValueType.FALSE)) {
            throw new InvalidFieldException("active", "active is true or false");
        }
        return coupon(coupons.activate(SignedInUser.actorOf(request), id, active == JsonValue.TRUE), null).build().toString();
    }

    private static CouponAdministration.Terms terms(JsonObject json) {
        return new CouponAdministration.Terms(JsonFields.text(json, "code"), JsonFields.integer(json, "percentOff"),
                json.containsKey("amountOff") && json.get("amountOff") != JsonValue.NULL ? JsonFields.money(json, "amountOff") : null,
                JsonFields.integer(json, "usageLimit"), JsonFields.time(json, "validFrom"), JsonFields.time(json, "validUntil"),
                JsonFields.ids(json, "eventIds"), JsonFields.ids(json, "ticketTypeIds"));
    }

    static JsonObjectBuilder coupon(Coupon c, List<CouponAdministration.Usage> usage) {
        var events = JSON.createArrayBuilder();
        c.getEventIds().stream().sorted().forEach(events::add);
        var types = JSON.createArrayBuilder();
        c.getTicketTypeIds().stream().sorted().forEach(types::add);
        var out = JSON.createObjectBuilder().add("id", c.getId()).add("code", c.getCode()).add("active", c.isActive())
                .add("timesUsed", c.getTimesUsed()).add("eventIds", events).add("ticketTypeIds", types);
        if (c.getPercentOff() != null) {
            out.add("percentOff", c.getPercentOff());
        } else {
            out.add("amountOff", JsonFields.money(c.getAmountOff()));
        }
        if (c.getUsageLimit() != null) {
            out.add("usageLimit", c.getUsageLimit());
        }
        if (c.getValidFrom() != null) {
            out.add("validFrom", c.getValidFrom().toString());
        }
        if (c.getValidUntil() != null) {
            out.add("validUntil", c.getValidUntil().toString());
        }
        if (usage != null) {
            var paid = JSON.createArrayBuilder();
            usage.forEach(u -> paid.add(JSON.createObjectBuilder().add("orders", u.orders()).add("discount", JsonFields.money(u.discount()))));
            out.add("paidOrders", paid);
        }
        return out;
    }
}
