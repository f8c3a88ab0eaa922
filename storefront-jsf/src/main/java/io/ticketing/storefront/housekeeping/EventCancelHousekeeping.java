package io.ticketing.storefront.housekeeping;

import io.ticketing.platform.application.EventCancellation;
import io.ticketing.platform.application.TenantDirectory;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refunds of cancelled events, every 3 s on every node: per shop, due rows of the refund run are claimed in batches
 * (FOR UPDATE SKIP LOCKED, so each order is worked by one node at a time; a node that stops leaves its rows to be
 * claimed again after {@code EventCancellation.STALE}) and refunded through the order's provider.
 */
@Singleton
@Startup
@DependsOn("PlatformDatabase")
@TransactionManagement(TransactionManagementType.BEAN) // each step is its own short JDBC transaction
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventCancelHousekeeping {

    private static final Logger LOG = Logger.getLogger(EventCancelHousekeeping.class.getName());
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    /** Rows one claim takes: small, so two nodes share a long run. */
    static final int BATCH = 10;

    @Inject
    EventCancellation cancellations;

    @Inject
    TenantDirectory tenants;

    private final AtomicBoolean busy = new AtomicBoolean();

    @Schedule(second = "*/3", minute = "*", hour = "*", persistent = false)
    void refundDue() {
        if (!busy.compareAndSet(false, true)) {
            return; // the last round is still at work
        }
        try {
            for (Tenant tenant : tenants.all()) {
                if (!tenant.isActive()) {
                    continue;
                }
                try {
                    TenantContext.runAs(tenant, () -> {
                        int taken;
                        do {
                            taken = cancellations.refundDue(NODE, BATCH);
                        } while (taken == BATCH);
                    });
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Refunds of cancelled events of " + tenant.slug().value() + " failed; next round in 3 s", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cancelled-event refunds could not list tenants; next round in 3 s", e);
        } finally {
            busy.set(false);
        }
    }
}
