package io.ticketing.platform.domain.order;

/**
 * The coupon cannot be used for this order; {@link #reason()} says why, so a page can say it in the
 * reader's language (the message is the API's English).
 */
public class CouponNotApplicableException extends RuntimeException {

    public enum Reason { UNKNOWN, NOT_YET_VALID, EXPIRED, USED_UP, NOT_FOR_THESE_TICKETS, OTHER_CURRENCY, DEACTIVATED }

    private final Reason reason;

    public CouponNotApplicableException(String code, Reason reason, String why) {
        super("Coupon " + code + " " + why);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
