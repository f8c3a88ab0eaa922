package io.ticketing.storefront.security;

import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * Lets into {@link AreaGuarded} resources only callers of the serving shop whom {@link BackOfficeArea} allows the
 * request's method, judged on the path as JAX-RS matched it (decoded segments, matrix parameters dropped); a path
 * no area claims is for organizer admins and staff.
 */
@Provider
@AreaGuarded
@Priority(Priorities.AUTHORIZATION)
public class AreaGuardedFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getProperty(SignInFilter.API_CALLER) instanceof SignedInUser caller)) {
            request.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(401, "unauthorized", null, "Send an access token of this shop: Authorization: Bearer <token>"))
                    .build());
            return;
        }
        String path = "/api/" + request.getUriInfo().getPathSegments(true).stream().map(PathSegment::getPath)
                .collect(Collectors.joining("/"));
        if (!BackOfficeArea.apiAllows(path, caller, request.getMethod())) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON)
                    .entity(ProblemPages.json(403, "forbidden", null, BackOfficeArea.apiRefusal(path, caller)))
                    .build());
        }
    }
}
