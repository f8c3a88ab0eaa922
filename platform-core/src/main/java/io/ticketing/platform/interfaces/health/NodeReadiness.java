package io.ticketing.platform.interfaces.health;

import io.ticketing.platform.application.PlatformHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: whether a load balancer should send this node requests. Not ready while it drains at
 * shutdown, while its data grid member is out of an active cluster, or while it alone cannot reach the database.
 * A database nobody reaches keeps every node in (it serves its cached pages and answers the rest with 503), and
 * Keycloak being away only degrades sign-in: it is reported, never a reason to leave the load balancer.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    @Inject
    PlatformHealth health;

    @Override
    public HealthCheckResponse call() {
        PlatformHealth.Database database = health.database();
        PlatformHealth.Grid grid = health.grid();
        PlatformHealth.Identity identity = health.identity();
        boolean draining = health.draining();
        return HealthCheckResponse.named("node")
                .status(!draining && grid.active() && database != PlatformHealth.Database.UNREACHABLE_FROM_THIS_NODE)
                .withData("draining", draining)
                .withData("database", database.name())
                .withData("dataGrid", grid.state())
                .withData("dataGridMembers", grid.members())
                .withData("identity", identity.name())
                .build();
    }
}
