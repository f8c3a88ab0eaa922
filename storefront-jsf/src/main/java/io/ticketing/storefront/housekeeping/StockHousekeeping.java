package io.ticketing.storefront.housekeeping;

import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.LostPayments;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.application.TenantDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stock's periodic work, run by every node: expire due holds (every 5 s) and compare the shared
 * ledgers with the database (each ticket type every {@code ticketing.stock.check-interval-seconds}, 30 s). Both claim their rows with
 * FOR UPDATE SKIP LOCKED, so on many nodes each hold and each ticket type is handled once.
 */
@Singleton
@Startup
@DependsOn("PlatformDatabase")
@TransactionManagement(TransactionManagementType.BEAN) // each step is its own short JDBC transaction
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StockHousekeeping {

    private static final Logger LOG = Logger.getLogger(StockHousekeeping.class.getName());
    static final int BATCH = 500;
    /** The most a sweep spends per shop asking providers about lost callbacks; expiry runs after it. */
    static final Duration PAYMENT_CHECK_BUDGET = Duration.ofSeconds(3);

    @Inject
    HoldService holds;

    @Inject
    TenantDirectory tenants;

    /** How often each ticket type's shared stock is compared with the database. */
    @Inject
    @ConfigProperty(name = "ticketing.stock.check-interval-seconds", defaultValue = "30")
    int checkIntervalSeconds;

    private final AtomicBoolean busy = new AtomicBoolean();

    @PostConstruct
    void recountIfCounting() {
        for (Tenant tenant : tenants.all()) {
            if (tenant.isActive()) {
                try {
                    TenantContext.runAs(tenant, holds::recountTakenCounters);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not recount the stock of " + tenant.slug().value(), e);
                }
                try {
                    int sealed = TenantContext.callAs(tenant, orders::sealLegacyBuyerData);
                    if (sealed > 0) {
                        LOG.info("Sealed the buyer data of " + sealed + " older order(s) of " + tenant.slug().value());
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not seal older buyer data of " + tenant.slug().value() + "; next start tries again", e);
                }
            }
        }
    }

    @Inject
    OrderService orders;

    @Inject
    LostPayments lostPayments;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void sweep() {
        if (!busy.compareAndSet(false, true)) {
            return; // the previous sweep is still at work
        }
        try {
            for (Tenant tenant : tenants.all()) {
                if (!tenant.isActive()) {
                    continue;
                }
                try {
                    TenantContext.runAs(tenant, () -> {
                        // A lost callback must not cost a paid order its seats: ask the provider first.
                        lostPayments.settleDue(BATCH, PAYMENT_CHECK_BUDGET);
                        int expired;
                        do {
                            // Orders first: their holds run out at the same moment and are swept next.
                            expired = orders.expireDue(BATCH);
                        } while (expired == BATCH);
                        do {
                            expired = holds.expireDue(BATCH);
                        } while (expired == BATCH);
                        holds.reconcileDue(BATCH, checkIntervalSeconds);
                    });
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Stock housekeeping of " + tenant.slug().value() + " failed; next round in 5 s", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Stock housekeeping could not list tenants; next round in 5 s", e);
        } finally {
            busy.set(false);
        }
    }
}
