package io.ticketing.storefront.shop;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The buyer behind a shop page, by the same rules as the API ({@link Buyers}): the signed-in user,
 * or the guest whose token this browser's basket keeps for the shop. A first hold may make a guest;
 * the token then goes into the basket (the session), never into a page or a URL.
 */
@RequestScoped
public class Shopper {

    @Inject
    Buyers buyers;
    @Inject
    ShopSession session;
    @Inject
    HttpServletRequest request;

    /** Who is looking, or null when the browser is neither signed in nor a guest of this shop yet. */
    public Buyers.Buyer current() {
        return buyers.browsing(request, basket().guestToken());
    }

    /** Who is placing a hold; a newcomer becomes a guest where the shop allows it. */
    public Buyers.Buyer forHold() {
        Buyers.Buyer buyer = buyers.holdingInBrowser(request, basket().guestToken());
        if (buyer.newGuestToken() != null) {
            basket().guestToken(buyer.newGuestToken());
        }
        return buyer;
    }

    /** Who is checking out. */
    public Buyers.Buyer forCheckout() {
        return buyers.buyingInBrowser(request, basket().guestToken());
    }

    /** Whether the browser is signed in to this shop (else the buyer is a guest, or nobody yet). */
    public boolean signedIn() {
        return io.ticketing.storefront.security.SignInFilter.current(request).isPresent();
    }

    public ShopSession.Basket basket() {
        return session.basket();
    }
}
