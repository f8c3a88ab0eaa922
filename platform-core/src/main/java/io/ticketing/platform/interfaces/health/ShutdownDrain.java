package io.ticketing.platform.interfaces.health;

import io.ticketing.platform.application.PlatformHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Turns readiness false at the first sign of shutdown: the JVM's shutdown (SIGTERM) or the application's undeployment,
 * whichever comes first. The Helm chart's preStop pause gives load balancers that long to stop sending requests.
 */
@ApplicationScoped
public class ShutdownDrain {

    @Inject
    PlatformHealth health;

    private Thread hook;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        hook = new Thread(() -> {
            try {
                health.drain();
            } catch (RuntimeException alreadyGone) {
                // the application was stopped first: it drained then
            }
        }, "ticketing-drain");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        health.drain();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // undeployed without the JVM stopping: not kept
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook runs or has run
            }
        }
    }
}
