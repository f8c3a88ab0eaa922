package io.ticketing.platform.interfaces.health;

import io.ticketing.platform.application.PlatformHealth;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Every 5 s, this node asks whether it reaches the database, so its peers know it does whether or not a probe asked
 * it lately; that is how a node that cannot reach the database tells its own fault from the database's outage.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DatabaseHeartbeat {

    @Inject
    PlatformHealth health;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void beat() {
        health.database();
    }
}
