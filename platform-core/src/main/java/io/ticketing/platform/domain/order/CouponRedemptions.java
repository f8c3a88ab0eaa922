package io.ticketing.platform.domain.order;

import java.time.Instant;
import java.util.Optional;

/**
 * Coupons as checkout uses them: looked up by code, one use taken or given back; the database refuses a use past the limit.
 */
public interface CouponRedemptions {

    /** A coupon as checkout sees it; {@code active} false when the shop has switched it off. */
    record CouponRow(long id, CouponTerms terms, Instant validFrom, Instant validUntil, boolean active) {
    }

    Optional<CouponRow> coupon(String code);

    /** One use of the coupon, if it has one left; false when used up (the CHECK agrees). */
    boolean redeem(long couponId);

    void returnCouponUse(long couponId);
}
