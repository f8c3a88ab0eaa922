package io.ticketing.platform.domain.report;

/** What one coupon took off, in one currency: on how many orders, and how much. */
public record CouponDiscount(String code, String currency, long orders, long discountMinor) {
}
