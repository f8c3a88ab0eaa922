package io.ticketing.platform.domain.order;

/** The coupon exists but cannot be used for this order (scope, currency, time or uses). */
public class CouponNotApplicableException extends RuntimeException {

    public CouponNotApplicableException(String code, String why) {
        super("Coupon " + code + " " + why);
    }
}
