package io.ticketing.platform.domain.order;



/**
 * How the shop checks out: whether guests may buy with an e-mail address.
 */
public interface CheckoutSettings {

    /** Whether the shop lets buyers without an account check out with an e-mail address. */
    boolean guestCheckout();

    void setGuestCheckout(boolean enabled);
}
