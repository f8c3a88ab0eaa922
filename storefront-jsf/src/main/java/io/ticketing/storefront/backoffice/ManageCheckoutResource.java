package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.GuestCheckout;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.StaffOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The shop's checkout settings (organizer staff): {@code GET /api/manage/checkout} and {@code PUT}
 * with {@code {guestCheckout: true|false}}: whether buyers without an account may buy.
 */
@StaffOnly
@Path("manage/checkout")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageCheckoutResource {

    @Inject
    GuestCheckout guests;

    @GET
    public String get() {
        return json(guests.enabled());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String update(String body) {
        JsonObject json = JsonFields.parse(body);
        JsonValue value = json.get("guestCheckout");
        if (value == null || (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE)) {
            throw new InvalidFieldException("guestCheckout", "guestCheckout is true or false");
        }
        guests.setEnabled(value.getValueType() == JsonValue.ValueType.TRUE);
        return json(guests.enabled());
    }

    private static String json(boolean guestCheckout) {
        return JSON.createObjectBuilder().add("guestCheckout", guestCheckout).build().toString();
    }
}
