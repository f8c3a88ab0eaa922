package io.ticketing.storefront.shop;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Who the caller is in this shop: from a bearer token of the shop's realm, or the browser session. */
@Path("me")
public class MeResource {

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response me() {
        if (!(request.getAttribute(SignInFilter.API_CALLER) instanceof SignedInUser user)) {
            return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(401, "unauthorized", null, "Sign in, or send an access token of this shop"))
                    .build();
        }
        var roles = JSON.createArrayBuilder();
        user.roles().stream().sorted().forEach(roles::add);
        return Response.ok(JSON.createObjectBuilder()
                .add("tenant", TenantContext.require().slug().value())
                .add("subject", user.subject())
                .add("email", user.email() == null ? "" : user.email())
                .add("roles", roles)
                .build().toString()).build();
    }
}
