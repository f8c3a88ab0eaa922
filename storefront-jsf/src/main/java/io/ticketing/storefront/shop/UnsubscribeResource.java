package io.ticketing.storefront.shop;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.Promotions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * One-click unsubscribe (RFC 8058): mail programs POST {@code List-Unsubscribe=One-Click} to the address in a
 * promotion's {@code List-Unsubscribe} header. No sign-in: the token is the proof; another shop's token is 404.
 */
@Path("unsubscribe")
@ApplicationScoped
public class UnsubscribeResource {

    @Inject
    Promotions promotions;

    @POST
    @Path("{token}")
    @Produces(MediaType.APPLICATION_JSON)
    public String unsubscribe(@PathParam("token") String token) {
        Promotions.Unsubscribed outcome = promotions.unsubscribe(token);
        return JSON.createObjectBuilder().add("unsubscribed", true).add("already", outcome == Promotions.Unsubscribed.ALREADY)
                .build().toString();
    }
}
