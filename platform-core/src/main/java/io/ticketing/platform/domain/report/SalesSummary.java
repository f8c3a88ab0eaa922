package io.ticketing.platform.domain.report;

import java.util.List;

/**
 * A report's figures: totals per currency, discounts by coupon, and the breakdowns by event, ticket type, day (the
 * report's zone) and payment method; each list sorted for reading (events by start, days in order). {@code orders}
 * and {@code lines} count what the detail lists.
 */
public record SalesSummary(List<SalesFigures> totals, List<CouponDiscount> coupons, List<SalesRow> byEvent,
                           List<SalesRow> byTicketType, List<SalesRow> byDay, List<SalesRow> byPaymentMethod,
                           long orders, long lines) {

    public SalesSummary {
        totals = List.copyOf(totals);
        coupons = List.copyOf(coupons);
        byEvent = List.copyOf(byEvent);
        byTicketType = List.copyOf(byTicketType);
        byDay = List.copyOf(byDay);
        byPaymentMethod = List.copyOf(byPaymentMethod);
    }

    public boolean isEmpty() {
        return orders == 0;
    }
}
