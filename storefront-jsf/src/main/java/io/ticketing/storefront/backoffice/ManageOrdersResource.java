package io.ticketing.storefront.backoffice;

import io.ticketing.storefront.OrderJson;
import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.application.OrderDesk;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.PaymentCallbacks;
import io.ticketing.platform.application.RefundService;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AreaGuarded;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The organizer's orders (organizer staff, as all of {@code /api/manage}): search
 * ({@code GET /api/manage/orders?status=PAID&event=3&email=...&from=2026-12-01&to=...}), the stuck
 * ones ({@code GET /api/manage/orders/stuck}) and what resolves them ({@code POST .../{id}/cancel} for an
 * unpaid one, {@code POST .../{id}/check-payment} to ask the provider about a lost callback,
 * {@code POST .../{id}/reviewed} once a flagged one is dealt with), one order, and refunds
 * ({@code POST /api/manage/orders/{id}/refunds} with an {@code Idempotency-Key} and
 * {@code {lines?: [{ticketTypeId, quantity}], restock: true|false, reason?}}; no lines: all that is left).
 * Who may call what is {@link io.ticketing.storefront.security.BackOfficeArea#ORDERS}'s (SignInFilter, and
 * {@link AreaGuarded} on the matched resource): admins and staff anything, finance only GET. Refunds by staff follow the shop's rule ({@link OrderDesk#staffMayRefund}), in the
 * application service, as on the orders pages; every action is recorded in the staff audit log.
 */
@AreaGuarded
@Path("manage/orders")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageOrdersResource {

    private static final int MAX_RESULTS = 200;
    /** The width of {@code refund.reason}. */
    static final int MAX_REASON = 500;

    @Inject
    OrderService orders;

    @Inject
    OrderDesk desk;

    @GET
    public String search(@QueryParam("status") String status, @QueryParam("event") String event,
                         @QueryParam("email") String email, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("number") String number, @QueryParam("offset") @DefaultValue("0") int offset,
                         @QueryParam("limit") @DefaultValue("50") int limit) {
        OrderStatus wanted = null;
        if (status != null) {
            try {
                wanted = OrderStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("status", "status is one of PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED, CANCELLED, EXPIRED");
            }
        }
        Long eventId;
        try {
            eventId = event == null ? null : Long.valueOf(event.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("event", "event is an event id");
        }
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new InvalidFieldException("limit", "limit is between 1 and " + MAX_RESULTS);
        }
        if (offset < 0) {
            throw new InvalidFieldException("offset", "offset is 0 or more");
        }
        OrderDesk.Found found = desk.search(new OrderSearches.Search(wanted, eventId, blankToNull(email), day("from", from), day("to", to),
                null, false, limit, orderNumber(number), offset));
        return JSON.createObjectBuilder(JsonFields.parse(list(found.orders()))).add("more", found.more()).build().toString();
    }

    @GET
    @Path("stuck")
    public String stuck() {
        return list(desk.stuck());
    }

    @GET
    @Path("{id}")
    public String one(@PathParam("id") String id) {
        OrderView order = orders.find(orderId(id));
        return OrderJson.staffView(order).build().toString();
    }

    /** Ends an unpaid order (409 for any other): its seats and coupon use come back. */
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON) // no HTML form can send JSON: a cross-site form cannot trigger it with the staff's cookie
    public String cancel(@Context HttpServletRequest request, @PathParam("id") String id) {
        OrderView order = desk.cancel(SignedInUser.actorOf(request), orderId(id));
        return OrderJson.buyerView(order).build().toString();
    }

    /**
     * Asks the payment provider where the order's payment stands and acts on it (a lost callback:
     * paid orders get their tickets, declined ones give their seats back).
     */
    @POST
    @Path("{id}/check-payment")
    @Consumes(MediaType.APPLICATION_JSON)
    public String checkPayment(@Context HttpServletRequest request, @PathParam("id") String id) {
        UUID orderId = orderId(id);
        PaymentCallbacks.StatusCheck check = desk.checkPayment(SignedInUser.actorOf(request), orderId);
        return JSON.createObjectBuilder().add("providerSays", check.providerSays().name()).add("outcome", check.outcome())
                .add("order", OrderJson.staffView(orders.find(orderId))).build().toString();
    }

    /** The flagged order has been dealt with: it leaves the stuck list. */
    @POST
    @Path("{id}/reviewed")
    @Consumes(MediaType.APPLICATION_JSON)
    public String reviewed(@Context HttpServletRequest request, @PathParam("id") String id) {
        return OrderJson.staffView(desk.markReviewed(SignedInUser.actorOf(request), orderId(id))).build().toString();
    }

    @POST
    @Path("{id}/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response refund(@Context HttpServletRequest request, @PathParam("id") String id,
                           @HeaderParam("Idempotency-Key") String key, String body) {
        JsonObject json = JsonFields.parse(body);
        List<RefundService.RefundLine> lines = new ArrayList<>();
        if (json.containsKey("lines")) {
            if (json.get("lines").getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidFieldException("lines", "lines must be a list of {ticketTypeId, quantity}");
            }
            for (JsonValue v : json.getJsonArray("lines")) {
                if (!(v instanceof JsonObject line) || !line.containsKey("ticketTypeId")) {
                    throw new InvalidFieldException("lines", "lines must be a list of {ticketTypeId, quantity}");
                }
                lines.add(new RefundService.RefundLine(JsonFields.requiredLong(line, "ticketTypeId"),
                        JsonFields.integer(line, "quantity", 1)));
            }
        }
        if (!json.containsKey("restock") || !(json.get("restock") == JsonValue.TRUE || json.get("restock") == JsonValue.FALSE)) {
            throw new InvalidFieldException("restock", "Say whether the seats go back on sale: restock true or false");
        }
        SignedInUser caller = (SignedInUser) request.getAttribute(SignInFilter.API_CALLER);
        RefundService.Refunded refunded = desk.refund(new RefundService.StaffMember(caller.actor(), caller.hasAnyRole(Set.of("organizer-admin"))),
                orderId(id), new RefundService.RefundRequest(lines, json.getBoolean("restock"), key, caller.subject(),
                        json.containsKey("reason") ? JsonFields.text(json, "reason", MAX_REASON) : null));
        String entity = JSON.createObjectBuilder()
                .add("refundId", refunded.refundId().toString())
                .add("amount", JsonFields.money(refunded.amount()))
                .add("restock", refunded.restock())
                .add("providerRef", refunded.providerRef() == null ? "" : refunded.providerRef())
                .add("order", OrderJson.buyerView(refunded.order()).add("refunded", JsonFields.money(refunded.order().refunded())))
                .build().toString();
        return refunded.created()
                ? Response.created(URI.create("orders/" + id + "/refunds/" + refunded.refundId())).entity(entity).build()
                : Response.ok(entity).build();
    }

    static String list(List<OrderView> found) {
        var out = JSON.createArrayBuilder();
        found.forEach(o -> out.add(OrderJson.staffView(o)));
        return JSON.createObjectBuilder().add("orders", out).build().toString();
    }

    /** The order number as typed: the 8 characters buyers see, or the whole id; null when none was asked for. */
    public static String orderNumber(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String number = typed.strip().toLowerCase(Locale.ROOT);
        if (number.startsWith("#")) {
            number = number.substring(1);
        }
        if (!number.matches("[0-9a-f-]{1,36}")) {
            throw new InvalidFieldException("number", "An order number is 8 characters of 0-9 and A-F (or the whole order id)");
        }
        return number;
    }

    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException("No order " + id + " in this shop", 404);
        }
    }

    private static Instant day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " is a day (2026-12-24) or an instant (2026-12-24T20:00:00Z)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
