package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.Promotions;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Promotions (organizer admins): {@code POST /api/manage/promotions {subject, body}} queues a message to every
 * buyer who agreed to hear from the shop (202: the relay sends it at the shop's promotion rate);
 * {@code GET} lists recent ones with how many were sent, are waiting, were skipped (unsubscribed) or parked.
 */
@AdminOnly
@Path("manage/promotions")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManagePromotionsResource {

    @Inject
    Promotions promotions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        long id = promotions.send(SignedInUser.actorOf(request), JsonFields.text(json, "subject"), JsonFields.text(json, "body"));
        return Response.accepted(JSON.createObjectBuilder().add("promotionId", id).add("status", "QUEUED").build().toString()).build();
    }

    @GET
    public String list(@QueryParam("limit") Integer limit) {
        var items = JSON.createArrayBuilder();
        promotions.recent(limit == null ? 50 : limit).forEach(p -> {
            var item = JSON.createObjectBuilder().add("id", p.id()).add("subject", p.subject())
                    .add("createdAt", p.createdAt().toString()).add("sent", p.sent()).add("pending", p.pending())
                    .add("skipped", p.skipped()).add("parked", p.parked());
            if (p.recipients() == null) {
                item.addNull("recipients"); // not yet fanned out
            } else {
                item.add("recipients", p.recipients());
            }
            items.add(item);
        });
        return JSON.createObjectBuilder().add("promotions", items).build().toString();
    }
}
