package io.ticketing.storefront.security;

import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets only organizer admins and staff of the serving shop into {@link StaffOnly} resources. The
 * caller is the one {@link SignInFilter} authenticated for this shop (token or session).
 */
@Provider
@StaffOnly
@Priority(Priorities.AUTHORIZATION)
public class StaffOnlyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getProperty(SignInFilter.API_CALLER) instanceof SignedInUser caller)) {
            request.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(401, "unauthorized", null, "Send an access token of this shop: Authorization: Bearer <token>"))
                    .build());
        } else if (!caller.organizer()) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(403, "forbidden", null,
                            "The organizer API is for the shop's staff; " + caller.email() + " has no staff role here."))
                    .build());
        }
    }
}
