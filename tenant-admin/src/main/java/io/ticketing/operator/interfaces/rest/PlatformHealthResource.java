package io.ticketing.operator.interfaces.rest;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.operator.infrastructure.KeycloakGateway;
import io.ticketing.platform.application.PlatformHealth;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Whether this node can serve: 200 with {"status":"UP"} when the platform database answers,
 * 503 with {"status":"DOWN"} otherwise. The identity provider is reported (UP, DOWN or
 * NOT_CONFIGURED) but does not take the node down: shops still sell to signed-in sessions and
 * guests while Keycloak is away. Used by launchers and load balancers; says nothing about any tenant.
 */
@Path("health")
public class PlatformHealthResource {

    @Inject
    PlatformHealth platform;

    @Inject
    KeycloakGateway keycloak;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean databaseUp = platform.databaseUp();
        JsonObject body = JSON.createObjectBuilder()
                .add("status", databaseUp ? "UP" : "DOWN")
                .add("checks", JSON.createObjectBuilder()
                        .add("database", databaseUp ? "UP" : "DOWN")
                        .add("identity", !keycloak.isConfigured() ? "NOT_CONFIGURED" : keycloak.isReachable() ? "UP" : "DOWN"))
                .build();
        return Response.status(databaseUp ? 200 : 503).entity(body).build();
    }
}
