package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its buyer and the shop's staff see it. {@code needsReview} says why staff must look at it, or is null. */
public record OrderView(UUID id, String buyer, String buyerEmail, OrderStatus status, List<PricedLine> lines,
                        Money subtotal, Money discount, Money total, Money refunded, String provider,
                        String paymentRef, String paymentUrl, String needsReview, Instant createdAt,
                        Instant expiresAt, Instant paidAt, int tickets) {

    public OrderView {
        lines = List.copyOf(lines);
    }
}
