package io.ticketing.platform.infrastructure.metrics;

import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The platform's business counters on {@code /metrics}, each labelled with the current shop's slug ({@code tenant})
 * and an outcome from a fixed list, so their series are bounded by shops x outcomes (docs/decisions.md, "Metrics").
 * Without a metric registry (services wired by hand in tests) it counts nothing.
 */
@ApplicationScoped
public class BusinessMetrics {

    /** What became of a buyer's request to hold tickets. */
    public enum HoldOutcome { PLACED, SOLD_OUT, LIMIT, RATE_LIMITED, INVALID, ERROR }

    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Per shop: the outbox's waiting count and oldest age, read by two gauges. */
    private final Map<String, double[]> backlogs = new ConcurrentHashMap<>();

    /** {@code ticketing_holds_total{tenant,outcome}}, and {@code ticketing_tickets_held_total{tenant}} for those placed. */
    public void hold(HoldOutcome outcome, int tickets) {
        count("ticketing_holds", 1, "outcome", outcome.name().toLowerCase(Locale.ROOT));
        if (outcome == HoldOutcome.PLACED) {
            count("ticketing_tickets_held", tickets, null, null);
        }
    }

    /** What became of a payment provider's callback. */
    public enum CallbackOutcome { ACCEPTED, REPLAYED, REFUSED }

    /** {@code ticketing_orders_created_total{tenant}}: a new order (an idempotent repeat is not one). */
    public void orderCreated() {
        count("ticketing_orders_created", 1, null, null);
    }

    /** {@code ticketing_orders_paid_total{tenant}}: an order became paid (by its callback or a status check). */
    public void orderPaid() {
        count("ticketing_orders_paid", 1, null, null);
    }

    /** {@code ticketing_payment_callbacks_total{tenant,outcome}}. */
    public void paymentCallback(CallbackOutcome outcome) {
        count("ticketing_payment_callbacks", 1, "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }

    /** {@code ticketing_refunds_total{tenant,outcome}}: refunded, or failed at the provider (nothing refunded). */
    public void refund(boolean refunded) {
        count("ticketing_refunds", 1, "outcome", refunded ? "refunded" : "failed");
    }

    /** {@code ticketing_checkins_total{tenant,outcome}}: a scan at the door, by its outcome (admitted, already_used, ...). */
    public void checkIn(String outcome) {
        count("ticketing_checkins", 1, "outcome", outcome.toLowerCase(Locale.ROOT));
    }

    /** {@code ticketing_messages_total{tenant,outcome}}: mails and texts the relay sent, failed (to retry or park) or skipped. */
    public void messages(int sent, int failed, int skipped) {
        if (sent > 0) {
            count("ticketing_messages", sent, "outcome", "sent");
        }
        if (failed > 0) {
            count("ticketing_messages", failed, "outcome", "failed");
        }
        if (skipped > 0) {
            count("ticketing_messages", skipped, "outcome", "skipped");
        }
    }

    /** {@code ticketing_report_jobs_total{tenant,outcome}}: background reports ready, failed or taken over by another node. */
    public void reportJob(String outcome) {
        count("ticketing_report_jobs", 1, "outcome", outcome);
    }

    /**
     * {@code ticketing_outbox_waiting{tenant}} and {@code ticketing_outbox_oldest_seconds{tenant}}: what the current shop's
     * outbox holds undelivered, as last measured by the relay (every few seconds, not at each scrape).
     */
    public void outboxBacklog(long waiting, double oldestSeconds) {
        if (registry == null) {
            return;
        }
        String tenant = tenant();
        double[] kept = backlogs.computeIfAbsent(tenant, t -> {
            double[] values = new double[2];
            registry.gauge("ticketing_outbox_waiting", values, v -> v[0], new Tag("tenant", t));
            registry.gauge("ticketing_outbox_oldest_seconds", values, v -> v[1], new Tag("tenant", t));
            return values;
        });
        kept[0] = waiting;
        kept[1] = oldestSeconds;
    }

    private void count(String name, long by, String label, String value) {
        if (registry == null) {
            return;
        }
        String tenant = tenant();
        String key = name + '|' + tenant + '|' + value;
        counters.computeIfAbsent(key, k -> label == null
                ? registry.counter(name, new Tag("tenant", tenant))
                : registry.counter(name, new Tag("tenant", tenant), new Tag(label, value))).inc(by);
    }

    /** The label of the current shop: its slug ("none" outside a shop's work). */
    private static String tenant() {
        return TenantContext.current().map(t -> t.slug().value()).orElse("none");
    }
}
