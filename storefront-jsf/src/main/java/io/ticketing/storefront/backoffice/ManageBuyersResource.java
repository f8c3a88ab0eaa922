package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.BuyerPrivacy;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A buyer's data rights, for the shop's organizer admins: {@code POST /api/manage/buyers/export}
 * with {@code {email}} answers everything held about that buyer as a JSON download; {@code POST
 * /api/manage/buyers/erase} with {@code {email}} removes their personal data (orders' amounts stay).
 * POST with a JSON body, so the address stays out of URLs and logs, and no cross-site form can ask.
 */
@AdminOnly
@Path("manage/buyers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageBuyersResource {

    @Inject
    BuyerPrivacy privacy;

    @POST
    @Path("export")
    public Response export(@Context HttpServletRequest request, String body) {
        String email = JsonFields.text(JsonFields.parse(body), "email");
        return Response.ok(privacy.export(SignedInUser.actorOf(request), email))
                .header("Content-Disposition", "attachment; filename=\"buyer-export.json\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("erase")
    public String erase(@Context HttpServletRequest request, String body) {
        String email = JsonFields.text(JsonFields.parse(body), "email");
        int erased = privacy.erase(SignedInUser.actorOf(request), email);
        return JSON.createObjectBuilder().add("erasedOrders", erased).build().toString();
    }
}
