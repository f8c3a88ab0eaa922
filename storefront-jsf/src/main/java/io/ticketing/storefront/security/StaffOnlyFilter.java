package io.ticketing.storefront.security;

import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

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
        requireRole(request, SignedInUser.ORGANIZER_ROLES, "the shop's staff");
    }

    /** 401 without a caller of this shop; 403 when the caller has none of {@code roles}. */
    static void requireRole(ContainerRequestContext request, Set<String> roles, String who) {
        if (!(request.getProperty(SignInFilter.API_CALLER) instanceof SignedInUser caller)) {
            request.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(401, "unauthorized", null, "Send an access token of this shop: Authorization: Bearer <token>"))
                    .build());
        } else if (!caller.hasAnyRole(roles)) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(403, "forbidden", null,
                            "Only " + who + " may do this; " + caller.email() + " has no such role here."))
                    .build());
        }
    }
}
