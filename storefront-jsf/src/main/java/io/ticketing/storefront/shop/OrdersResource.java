package io.ticketing.storefront.shop;

import io.ticketing.storefront.OrderJson;
import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.domain.order.PhoneNumber;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import io.ticketing.storefront.security.SignInFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
 * Checkout: {@code POST /api/orders} with header {@code Idempotency-Key} and body
 * {@code {holdIds: [...], couponCode?, buyer?: {email, name, language, marketingConsent, phone, smsConfirmation}}} gives 201 and the order with its
 * {@code paymentUrl}; the same key and body again gives 200 and the same order. {@code GET
 * /api/orders/{id}} shows one of the buyer's own orders. Guests (where the shop allows them) send
 * their {@code Guest-Token} and a {@code buyer.email}.
 */
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped // one instance: nothing per request is kept in fields
public class OrdersResource {

    static final int MAX_EMAIL = 320;
    static final int MAX_NAME = 200;
    static final int MAX_COUPON = 40;

    @Inject
    OrderService orders;

    @Inject
    Buyers buyers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@Context HttpServletRequest request, @HeaderParam("Idempotency-Key") String key, String body) {
        Buyers.Buyer user = buyers.buying(request);
        JsonObject json = JsonFields.parse(body);
        if (!json.containsKey("holdIds") || json.get("holdIds").getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidFieldException("holdIds", "holdIds must be a list of hold ids");
        }
        List<UUID> holdIds = new ArrayList<>();
        for (JsonValue v : json.getJsonArray("holdIds")) {
            try {
                holdIds.add(UUID.fromString(v instanceof jakarta.json.JsonString text ? text.getString() : ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("holdIds", "holdIds must be hold ids as returned by POST /api/holds");
            }
        }
        JsonObject buyer = json.containsKey("buyer") && json.get("buyer").getValueType() == JsonValue.ValueType.OBJECT
                ? json.getJsonObject("buyer") : JsonValue.EMPTY_JSON_OBJECT;
        // Checked here against what a person's address and name can be, so an over-long value is the caller's 422.
        String email = buyer.containsKey("email") ? JsonFields.text(buyer, "email", "buyer.email", MAX_EMAIL) : user.email();
        String name = buyer.containsKey("name") ? JsonFields.text(buyer, "name", "buyer.name", MAX_NAME) : user.name();
        String coupon = json.containsKey("couponCode") ? JsonFields.text(json, "couponCode", MAX_COUPON) : null;
        // Mails about the order come in the language asked for, else the one the client sends (Accept-Language).
        String language = buyer.containsKey("language") ? JsonFields.text(buyer, "language", "buyer.language", 35)
                : request.getLocale().toLanguageTag();
        // Consent to the organizer's news is only ever given by the buyer ticking it: absent is no.
        boolean consent = buyer.containsKey("marketingConsent") && buyer.get("marketingConsent") == JsonValue.TRUE;
        // A mobile number is optional (the core checks and normalises it); SMS only where the buyer asks, like consent.
        if (buyer.containsKey("phone") && !(buyer.get("phone") instanceof jakarta.json.JsonString) && buyer.get("phone") != JsonValue.NULL) {
            throw new InvalidFieldException("buyer.phone", "buyer.phone is text, such as \"+49 170 1234567\"");
        }
        String phone = JsonFields.text(buyer, "phone", "buyer.phone", PhoneNumber.MAX_INPUT);
        boolean sms = buyer.containsKey("smsConfirmation") && buyer.get("smsConfirmation") == JsonValue.TRUE;
        OrderService.Placed placed = orders.place(new OrderService.Buyer(user.subject(), email, name, consent, language, phone, sms),
                user.clientAddress(), key, holdIds, coupon,
                OidcBrowserFlow.absolute(request, SignInFilter.shopUrl(request, "/")));
        String entity = OrderJson.buyerView(placed.order()).build().toString();
        return placed.created()
                ? Response.created(URI.create("orders/" + placed.order().id())).entity(entity).build()
                : Response.ok(entity).build();
    }

    /** The buyer's own orders, newest first. */
    @GET
    public String history(@Context HttpServletRequest request) {
        var out = JSON.createArrayBuilder();
        orders.search(new OrderSearches.Search(null, null, null, null, null, buyer(request).subject(), false, 100))
                .forEach(o -> out.add(OrderJson.buyerView(o)));
        return JSON.createObjectBuilder().add("orders", out).build().toString();
    }

    @GET
    @Path("{id}")
    public String get(@Context HttpServletRequest request, @PathParam("id") String id) {
        UUID orderId;
        try {
            orderId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException("No order " + id + " in this shop", 404);
        }
        return OrderJson.buyerView(orders.findOwn(buyer(request).subject(), orderId)).build().toString();
    }

    private Buyers.Buyer buyer(HttpServletRequest request) {
        return buyers.reading(request);
    }
}
