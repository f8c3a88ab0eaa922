package io.ticketing.platform.domain.order;

/**
 * How the shop checks out: whether guests may buy with an e-mail address, and how many tickets one
 * buyer and one client address may hold at once (null: the platform's default).
 */
public interface CheckoutSettings {

    /** The shop's own caps on tickets held at once; a null field means the platform's default. */
    record HoldCaps(Integer perBuyer, Integer perAddress) {
    }

    /** Whether the shop lets buyers without an account check out with an e-mail address. */
    boolean guestCheckout();

    void setGuestCheckout(boolean enabled);

    /** Whether the shop takes test payments only (and refuses live credentials and events), or real ones only. */
    boolean testMode();

    void setTestMode(boolean testMode);

    HoldCaps holdCaps();

    void setHoldCaps(HoldCaps caps);

    /** Whether the shop's organizer staff may refund orders (its admins always may). */
    boolean staffMayRefund();

    void setStaffMayRefund(boolean allowed);
}
