package io.ticketing.platform.interfaces.health;

import io.ticketing.platform.application.PlatformHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * {@code /health/started}: up once the platform and tenant schemas are migrated (or their migration is left to
 * another process), so Kubernetes waits for a long migration instead of restarting the node in the middle of it.
 */
@Startup
@ApplicationScoped
public class NodeStarted implements HealthCheck {

    @Inject
    PlatformHealth health;

    @Override
    public HealthCheckResponse call() {
        PlatformHealth.Migrations migrations = health.migrations();
        return HealthCheckResponse.named("migrations")
                .status(migrations != PlatformHealth.Migrations.RUNNING)
                .withData("migrations", migrations.name())
                .build();
    }
}
