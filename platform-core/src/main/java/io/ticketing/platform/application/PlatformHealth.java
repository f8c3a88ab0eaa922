package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.persistence.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What a node needs to serve, as health checks ask it; says nothing about any tenant. */
@ApplicationScoped
public class PlatformHealth {

    @Inject
    DatabaseProbe database;

    public boolean databaseUp() {
        return database.reachable();
    }
}
