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
 * are sent (up to {@link #PER_SHOP} a turn, so one shop's promotion cannot starve another's confirmations).
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
    static final java.time.Duration BUSY_FOR = java.time.Duration.ofSeconds(30);

    @Inject
    NotificationRelay relay;

    @Inject
    TenantDirectory tenants;

    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
    static final int MEASURE_EVERY = 5;
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void relay() {
        if (!busy.compareAndSet(false, true)) {
            return; // the previous round is still sending
        }
        try {
            // A shop with more due than one round's share gets another round at once (after every other shop's
            // turn), for up to BUSY_FOR: a burst drains at the mail server's pace, not at one round per tick.
            long until = System.nanoTime() + BUSY_FOR.toNanos();
            while (round() && System.nanoTime() < until) {
                // more to send
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notification relay could not list tenants; next round in 2 s", e);
        } finally {
            busy.set(false);
        }
    }

    /** One turn for every active shop; true when some shop had more due than its share. */
    private boolean round() {
        boolean more = false;
        // Every fifth round (about 10 s) each shop's backlog is measured for the operators' gauges, not at each scrape.
        boolean measure = rounds.getAndIncrement() % MEASURE_EVERY == 0;
        for (Tenant tenant : tenants.all()) {
            if (!tenant.isActive()) {
                continue;
            }
            try {
                more |= TenantContext.callAs(tenant, () -> {
                    while (relay.fanOut(FAN_OUT_BATCH) == FAN_OUT_BATCH) {
                        // more events than one batch: keep going
                    }
                    NotificationRelay.Round round = relay.deliverDue(PER_SHOP);
                    if (measure) {
                        relay.measureBacklog();
                    }
                    if (round.channelDown()) {
                        LOG.warning("Mail for " + tenant.slug().value() + " waits: the mail server cannot be reached ("
                                + round.sent() + " sent before it went)");
                    }
                    return !round.channelDown() && round.sent() + round.failed() >= PER_SHOP;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Notification relay of " + tenant.slug().value() + " failed; next round in 2 s", e);
            }
        }
        return more;
    }
}
