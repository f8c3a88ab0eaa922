package io.ticketing.storefront.housekeeping;

import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.application.ScheduledReports;
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
 * Background sales reports, every 3 s on every node: per shop, the next queued report is claimed (FOR UPDATE SKIP
 * LOCKED, so exactly one node makes it) and made here. One report at a time per node, so the reports' share of a
 * node's heap stays bounded however many are queued; expired report files are deleted once a minute. Once a minute,
 * too, the reports due by e-mail are queued to the outbox (each once, whichever node's sweep claims it first); the
 * notification relay makes and mails them.
 */
@Singleton
@Startup
@DependsOn("PlatformDatabase")
@TransactionManagement(TransactionManagementType.BEAN) // each step is its own short JDBC transaction
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReportHousekeeping {

    private static final Logger LOG = Logger.getLogger(ReportHousekeeping.class.getName());
    /** This JVM, as a job's holder is named: pid@host, unique among the nodes of a cluster. */
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    SalesReports reports;

    @Inject
    ScheduledReports scheduled;

    @Inject
    TenantDirectory tenants;

    private final AtomicBoolean busy = new AtomicBoolean();

    @Schedule(second = "*/3", minute = "*", hour = "*", persistent = false)
    void makeQueuedReports() {
        if (!busy.compareAndSet(false, true)) {
            return; // still making the last one
        }
        try {
            boolean made;
            do {
                made = false;
                for (Tenant tenant : tenants.all()) {
                    if (tenant.isActive()) {
                        made |= runOne(tenant);
                    }
                }
            } while (made);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Report housekeeping could not list tenants; next round in 3 s", e);
        } finally {
            busy.set(false);
        }
    }

    private boolean runOne(Tenant tenant) {
        try {
            return TenantContext.callAs(tenant, () -> reports.runNextJob(NODE));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reports of " + tenant.slug().value() + " could not be made; next round in 3 s", e);
            return false;
        }
    }

    /** Subscriptions claimed per transaction: a shop with many due at 06:00 queues them in a few short transactions. */
    static final int QUEUE_BATCH = 100;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void queueScheduledReports() {
        for (Tenant tenant : tenants.all()) {
            if (!tenant.isActive()) {
                continue;
            }
            try {
                int queued = 0;
                int batch;
                do {
                    batch = TenantContext.callAs(tenant, () -> scheduled.queueDue(QUEUE_BATCH));
                    queued += batch;
                } while (batch == QUEUE_BATCH);
                if (queued > 0) {
                    LOG.info(queued + " scheduled report(s) of " + tenant.slug().value() + " queued for mail");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Scheduled reports of " + tenant.slug().value() + " could not be queued; next round in a minute", e);
            }
        }
    }

    @Schedule(minute = "*", hour = "*", persistent = false)
    void deleteExpiredReports() {
        for (Tenant tenant : tenants.all()) {
            try {
                int deleted = TenantContext.callAs(tenant, reports::deleteExpired);
                if (deleted > 0) {
                    LOG.info(deleted + " expired report(s) of " + tenant.slug().value() + " deleted");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Expired reports of " + tenant.slug().value() + " could not be deleted", e);
            }
        }
    }
}
