package io.ticketing.storefront.housekeeping;

import io.ticketing.platform.application.NotificationRelay;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outbox relay, run by every node every 2 s: per shop, new events become deliveries, then due deliveries
 * are sent (up to {@link #PER_SHOP} a round, so one shop's promotion cannot starve another's confirmations).
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so nodes share the work without sending anything twice.
 */
@Singleton
@Startup
@DependsOn("PlatformDatabase")
@TransactionManagement(TransactionManagementType.BEAN) // each step is its own short JDBC transaction
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NotificationHousekeeping {

    private static final Logger LOG = Logger.getLogger(NotificationHousekeeping.class.getName());
    static final int FAN_OUT_BATCH = 200;
    static final int PER_SHOP = 500;

    @Inject
    NotificationRelay relay;

    @Inject
    TenantDirectory tenants;

    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void relay() {
        if (!busy.compareAndSet(false, true)) {
            return; // the previous round is still sending
        }
        try {
            for (Tenant tenant : tenants.all()) {
                if (!tenant.isActive()) {
                    continue;
                }
                try {
                    TenantContext.runAs(tenant, () -> {
                        while (relay.fanOut(FAN_OUT_BATCH) == FAN_OUT_BATCH) {
                            // more events than one batch: keep going
                        }
                        NotificationRelay.Round round = relay.deliverDue(PER_SHOP);
                        if (round.channelDown()) {
                            LOG.warning("Mail for " + tenant.slug().value() + " waits: the mail server cannot be reached ("
                                    + round.sent() + " sent before it went)");
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Notification relay of " + tenant.slug().value() + " failed; next round in 2 s", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notification relay could not list tenants; next round in 2 s", e);
        } finally {
            busy.set(false);
        }
    }
}
