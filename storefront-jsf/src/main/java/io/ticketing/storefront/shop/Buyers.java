package io.ticketing.storefront.shop;

import io.ticketing.platform.application.BuyerLimits;
import io.ticketing.platform.application.GuestCheckout;
import io.ticketing.platform.application.Requester;
import io.ticketing.platform.interfaces.web.ClientAddresses;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Who is buying: a signed-in user of this shop (session or bearer token), or, where the shop
 * allows guest checkout, a guest, who shows the {@code Guest-Token} the shop gave with their first
 * hold (a token the shop did not issue is refused). Anyone else gets a 401 that says how to become
 * a buyer. New guests are capped per client address and minute ({@code
 * ticketing.guests.new-per-minute-per-address}, 429 beyond it); the client address is the one
 * {@link ClientAddresses} vouches for.
 */
@ApplicationScoped
public class Buyers {

    public static final String GUEST_TOKEN_HEADER = "Guest-Token";

    @Inject
    GuestCheckout guests;

    @Inject
    BuyerLimits limits;

    @Inject
    ClientAddresses addresses;

    /**
     * A buyer: their id (token subject, or a guest's hashed token), what the shop knows of them,
     * and, for a guest who has just been let in, the token to show from now on.
     */
    public record Buyer(String subject, String email, String name, String newGuestToken, String clientAddress) {

        /** The buyer as the limits see them. */
        public Requester requester() {
            return new Requester(subject, clientAddress);
        }
    }

    /** What the request does: look at (or release) what the buyer has, buy, or hold (which may start a guest). */
    private enum Intent { READ, BUY, HOLD }

    /**
     * The buyer looking at (or releasing) their own holds and orders. A guest's token keeps working
     * for that after the shop turns guest checkout off: what they bought stays theirs to see.
     */
    public Buyer reading(HttpServletRequest request) {
        return resolve(request, Intent.READ);
    }

    /** The buyer placing an order. */
    public Buyer buying(HttpServletRequest request) {
        return resolve(request, Intent.BUY);
    }

    /** The buyer placing a hold; a newcomer becomes a guest where the shop allows it. */
    public Buyer holding(HttpServletRequest request) {
        return resolve(request, Intent.HOLD);
    }

    /**
     * The buyer of a shop page: the signed-in user, or the guest whose token this browser's session
     * keeps for the shop ({@code guestToken}, may be null); null when neither.
     */
    public Buyer browsing(HttpServletRequest request, String guestToken) {
        if (SignInFilter.current(request).isEmpty() && guestToken == null) {
            return null;
        }
        return resolve(request, guestToken, Intent.READ);
    }

    /** The buyer of a shop page placing a hold; a newcomer becomes a guest where the shop allows it (else 401). */
    public Buyer holdingInBrowser(HttpServletRequest request, String guestToken) {
        return resolve(request, guestToken, Intent.HOLD);
    }

    /** The buyer of a shop page checking out. */
    public Buyer buyingInBrowser(HttpServletRequest request, String guestToken) {
        return resolve(request, guestToken, Intent.BUY);
    }

    private Buyer resolve(HttpServletRequest request, Intent intent) {
        return resolve(request, request.getHeader(GUEST_TOKEN_HEADER), intent);
    }

    private Buyer resolve(HttpServletRequest request, String token, Intent intent) {
        if (request.getAttribute(SignInFilter.API_CALLER) instanceof SignedInUser user) {
            return new Buyer(user.subject(), user.email(), user.name(), null, addresses.of(request));
        }
        Optional<SignedInUser> session = SignInFilter.current(request);
        if (session.isPresent()) {
            return new Buyer(session.get().subject(), session.get().email(), session.get().name(), null, addresses.of(request));
        }
        if (token != null) {
            // Reading needs no look at the shop's setting: what a guest bought stays theirs to see.
            if (intent != Intent.READ && !guests.enabled()) {
                throw unauthorized("This shop sells to signed-in buyers only: sign in to go on");
            }
            try {
                return new Buyer(guests.subjectOf(token.strip()), null, null, null, addresses.of(request));
            } catch (IllegalArgumentException e) {
                throw unauthorized("The Guest-Token is not one this shop gives out; send the one you got with your first hold");
            }
        }
        boolean guestsWelcome = guests.enabled();
        if (intent == Intent.HOLD && guestsWelcome) {
            String address = addresses.of(request);
            limits.countNewGuest(address);
            String issued = guests.issueToken();
            return new Buyer(guests.subjectOf(issued), null, null, issued, address);
        }
        throw unauthorized(guestsWelcome
                ? "Sign in, or send the Guest-Token you got with your first hold"
                : "Sign in, or send an access token of this shop");
    }

    private static WebApplicationException unauthorized(String message) {
        return new WebApplicationException(Response.status(401).header("WWW-Authenticate", "Bearer")
                .type(MediaType.APPLICATION_JSON)
                .entity(ProblemPages.json(401, "unauthorized", null, message))
                .build());
    }
}
