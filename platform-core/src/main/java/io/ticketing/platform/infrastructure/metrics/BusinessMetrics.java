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

    private void count(String name, long by, String label, String value) {
        if (registry == null) {
            return;
        }
        String tenant = TenantContext.current().map(t -> t.slug().value()).orElse("none");
        String key = name + '|' + tenant + '|' + value;
        counters.computeIfAbsent(key, k -> label == null
                ? registry.counter(name, new Tag("tenant", tenant))
                : registry.counter(name, new Tag("tenant", tenant), new Tag(label, value))).inc(by);
    }
}
