package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.PaymentSetup;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's payment providers (organizer admins only: whoever sets them decides where the money
 * goes; every change is audited): {@code GET /api/manage/payments} lists what this
 * platform offers and what the shop has set up (never a credential); {@code PUT
 * /api/manage/payments/{provider}} with {@code {credentials: {...}, active: true}} sets one up,
 * checked by its factory and sealed with the shop's key.
 */
@AdminOnly
@Path("manage/payments")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManagePaymentsResource {

    @Inject
    PaymentSetup payments;

    @GET
    public String list() {
        List<PaymentSetup.Offered> offered = payments.offered();
        var out = JSON.createArrayBuilder();
        offered.forEach(o -> out.add(JSON.createObjectBuilder().add("provider", o.id())
                .add("requiredCredentials", JSON.createArrayBuilder(o.requiredCredentials().stream().sorted().toList()))
                .add("configured", o.configured()).add("active", o.active())));
        return JSON.createObjectBuilder().add("providers", out).build().toString();
    }

    @PUT
    @Path("{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String configure(@Context HttpServletRequest request, @PathParam("provider") String provider, String body) {
        JsonObject json = JsonFields.parse(body);
        if (!json.containsKey("credentials") || json.get("credentials").getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidFieldException("credentials", "credentials is an object of the provider's settings");
        }
        Map<String, String> credentials = new HashMap<>();
        for (var e : json.getJsonObject("credentials").entrySet()) {
            if (!(e.getValue() instanceof JsonString text)) {
                throw new InvalidFieldException("credentials", "credential " + e.getKey() + " must be text");
            }
            credentials.put(e.getKey(), text.getString());
        }
        boolean active = json.getBoolean("active", true);
        payments.configure(SignedInUser.actorOf(request), provider, credentials, active);
        return JSON.createObjectBuilder().add("provider", provider).add("configured", true).add("active", active).build().toString();
    }
}
