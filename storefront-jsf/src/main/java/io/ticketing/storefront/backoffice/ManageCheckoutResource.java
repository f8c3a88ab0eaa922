package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.ShopSettings;
import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The shop's checkout settings (organizer admins only; every change is audited): {@code GET
 * /api/manage/checkout} and {@code PUT} with any of {@code {guestCheckout, testMode,
 * maxHeldPerBuyer, maxHeldPerAddress}} (a cap of {@code null} goes back to the platform's default,
 * shown under {@code platformDefaults}). {@code GET /api/manage/checkout/audit} lists the staff
 * audit log, newest first.
 */
@AdminOnly
@Path("manage/checkout")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageCheckoutResource {

    @Inject
    ShopSettings settings;

    @GET
    public String get() {
        return json(settings.checkout());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String update(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        ShopSettings.Checkout now = settings.checkout();
        boolean guests = flag(json, "guestCheckout", now.guestCheckout());
        boolean testMode = flag(json, "testMode", now.testMode());
        CheckoutSettings.HoldCaps caps = new CheckoutSettings.HoldCaps(
                cap(json, "maxHeldPerBuyer", now.shopCaps().perBuyer()), cap(json, "maxHeldPerAddress", now.shopCaps().perAddress()));
        return json(settings.change(SignedInUser.actorOf(request), guests, testMode, caps));
    }

    @GET
    @Path("audit")
    public String audit(@QueryParam("limit") Integer limit) {
        var out = JSON.createArrayBuilder();
        settings.auditLog(limit == null ? 100 : limit).forEach(e -> out.add(JSON.createObjectBuilder()
                .add("at", e.at().toString()).add("actor", e.actor())
                .add("actorEmail", e.actorEmail() == null ? "" : e.actorEmail())
                .add("action", e.action()).add("detail", e.detail())));
        return JSON.createObjectBuilder().add("entries", out).build().toString();
    }

    private static boolean flag(JsonObject json, String field, boolean current) {
        JsonValue value = json.get(field);
        if (value == null) {
            return current;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidFieldException(field, field + " is true or false");
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static Integer cap(JsonObject json, String field, Integer current) {
        if (!json.containsKey(field)) {
            return current;
        }
        return json.isNull(field) ? null : JsonFields.integer(json, field);
    }

    private static String json(ShopSettings.Checkout checkout) {
        return JSON.createObjectBuilder()
                .add("guestCheckout", checkout.guestCheckout())
                .add("testMode", checkout.testMode())
                .add("maxHeldPerBuyer", number(checkout.shopCaps().perBuyer()))
                .add("maxHeldPerAddress", number(checkout.shopCaps().perAddress()))
                .add("platformDefaults", JSON.createObjectBuilder()
                        .add("maxHeldPerBuyer", checkout.platformCaps().perBuyer())
                        .add("maxHeldPerAddress", checkout.platformCaps().perAddress()))
                .build().toString();
    }

    private static JsonValue number(Integer value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }
}
