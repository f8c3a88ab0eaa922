package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.NotificationChannelSetup;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;

/**
 * The shop's SMS channel (organizer admins only; every change audited): {@code GET /api/manage/notifications/channels}
 * lists the channels this platform offers and what the shop has set up (never a credential); {@code PUT
 * .../channels/{channel}} with {@code {credentials: {...}, active: true}} sets one up, checked by the channel and
 * sealed with the shop's key. Without {@code credentials} the ones set before are kept (to switch it on or off).
 */
@AdminOnly
@Path("manage/notifications/channels")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageNotificationChannelsResource {

    private static final int MAX_CREDENTIAL = 4000;

    @Inject
    NotificationChannelSetup channels;

    @GET
    public String list() {
        var out = JSON.createArrayBuilder();
        channels.offered().forEach(o -> out.add(JSON.createObjectBuilder().add("channel", o.id()).add("medium", o.medium())
                .add("requiredCredentials", JSON.createArrayBuilder(o.requiredCredentials().stream().sorted().toList()))
                .add("configured", o.configured()).add("active", o.active())));
        return JSON.createObjectBuilder().add("channels", out).build().toString();
    }

    @PUT
    @Path("{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String configure(@Context HttpServletRequest request, @PathParam("channel") String channel, String body) {
        JsonObject json = JsonFields.parse(body);
        Map<String, String> credentials = null;
        if (json.containsKey("credentials")) {
            if (json.get("credentials").getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidFieldException("credentials", "credentials is an object of the channel's settings");
            }
            credentials = new HashMap<>();
            for (var e : json.getJsonObject("credentials").entrySet()) {
                if (!(e.getValue() instanceof JsonString text) || text.getString().length() > MAX_CREDENTIAL) {
                    throw new InvalidFieldException("credentials", "credential " + e.getKey() + " must be text of at most "
                            + MAX_CREDENTIAL + " characters");
                }
                credentials.put(e.getKey(), text.getString());
            }
        }
        if (json.containsKey("active") && json.get("active").getValueType() != JsonValue.ValueType.TRUE
                && json.get("active").getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidFieldException("active", "active is true or false");
        }
        boolean active = json.getBoolean("active", true);
        channels.configure(SignedInUser.actorOf(request), channel, credentials, active);
        return JSON.createObjectBuilder().add("channel", channel).add("configured", true).add("active", active).build().toString();
    }
}
