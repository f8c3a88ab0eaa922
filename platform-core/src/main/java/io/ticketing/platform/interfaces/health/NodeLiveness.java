package io.ticketing.platform.interfaces.health;

import io.ticketing.platform.application.PlatformHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: whether this JVM should be restarted. Only what a restart cures counts: threads deadlocked
 * on each other, or a data grid member that has shut down for good. Nothing outside the node (database, Keycloak)
 * is asked, so an outage elsewhere never makes Kubernetes restart every node at once.
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    @Inject
    PlatformHealth health;

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        PlatformHealth.Grid grid = health.grid();
        return HealthCheckResponse.named("node-alive")
                .status(deadlocked == null && grid.running())
                .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length)
                .withData("dataGrid", grid.state())
                .build();
    }
}
