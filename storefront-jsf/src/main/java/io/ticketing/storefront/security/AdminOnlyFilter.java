package io.ticketing.storefront.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/** Lets only organizer admins of the serving shop into {@link AdminOnly} resources. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

    private static final Set<String> ADMIN = Set.of("organizer-admin");

    @Override
    public void filter(ContainerRequestContext request) {
        StaffOnlyFilter.requireRole(request, ADMIN, "an organizer admin");
    }
}
