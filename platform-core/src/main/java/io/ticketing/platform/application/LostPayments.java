package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.shared.TenantTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The sweep that asks providers about due orders whose callback may have been lost, before they expire. */
@ApplicationScoped
public class LostPayments {

    private static final Logger LOG = Logger.getLogger(LostPayments.class.getName());

    @Inject
    TenantTransactions transactions;

    @Inject
    OrderRepository orders;

    @Inject
    PaymentCallbacks callbacks;

    /**
     * Before due orders expire, asks their providers whether they were paid after all (a lost
     * callback): those are honoured now instead of being refunded later. Each order is asked about
     * once across the cluster (claimed with SKIP LOCKED). The round stops at {@code limit} orders or
     * when {@code budget} is spent, and a provider that cannot be reached is not asked again this
     * round, so a slow provider never holds up the expiry of orders and holds that follows. An order
     * not asked about expires as usual; a late callback still finds it (late money is never lost).
     *
     * @return how many orders were asked about
     */
    public int settleDue(int limit, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<String> down = new ArrayList<>();
        int asked = 0;
        while (asked < limit && System.nanoTime() < deadline) {
            Optional<OrderRepository.DueOrder> claimed = transactions.inTransaction(() -> orders.claimDueForPaymentCheck(down));
            if (claimed.isEmpty()) {
                break;
            }
            asked++;
            OrderRepository.DueOrder due = claimed.get();
            try {
                callbacks.checkPayment(due.id());
            } catch (PaymentServiceDownException e) {
                down.add(due.provider());
                LOG.fine(() -> "A payment provider cannot be reached; due orders of it expire without asking: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.fine(() -> "Could not ask about the payment of due order " + due.id() + ": " + e.getMessage());
            }
        }
        return asked;
    }
}
