package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.util.UUID;

/**
 * One order line in a report's detail: the order, when it was paid, the buyer (opened from its sealed form), what
 * was bought and what it came to. Amounts in minor units of {@code currency}; net = gross - discount - refunded.
 * {@code paymentMethod} is the provider's key ({@code sandbox}, {@code stripe}, ...).
 */
public record SalesLine(UUID orderId, String orderNumber, Instant paidAt, String buyerName, String buyerEmail,
                        String event, String ticketType, int quantity, int refundedQuantity, String currency,
                        long unitPriceMinor, long grossMinor, long discountMinor, long refundedMinor, String coupon,
                        String paymentMethod, String status) {

    public long netMinor() {
        return grossMinor - discountMinor - refundedMinor;
    }
}
