package io.ticketing.storefront.api;

import io.ticketing.platform.application.GuestCheckout;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Who is buying: a signed-in user of this shop (session or bearer token), or, where the shop
 * allows guest checkout, a guest, who shows the {@code Guest-Token} the shop gave with their first
 * hold. Anyone else gets a 401 that says how to become a buyer.
 */
@ApplicationScoped
public class Buyers {

    public static final String GUEST_TOKEN_HEADER = "Guest-Token";

    @Inject
    GuestCheckout guests;

    /**
     * A buyer: their id (token subject, or a guest's hashed token), what the shop knows of them,
     * and, for a guest who has just been let in, the token to show from now on.
     */
    public record Buyer(String subject, String email, String name, String newGuestToken) {
    }

    /** The buyer making this request. */
    public Buyer existing(HttpServletRequest request) {
        return resolve(request, false);
    }

    /** The buyer making this request; a newcomer becomes a guest where the shop allows it. */
    public Buyer existingOrNewGuest(HttpServletRequest request) {
        return resolve(request, true);
    }

    private Buyer resolve(HttpServletRequest request, boolean mayStartGuest) {
        if (request.getAttribute(SignInFilter.API_CALLER) instanceof SignedInUser user) {
            return new Buyer(user.subject(), user.email(), user.name(), null);
        }
        String token = request.getHeader(GUEST_TOKEN_HEADER);
        boolean guestsWelcome = guests.enabled();
        if (token != null) {
            if (!guestsWelcome) {
                throw unauthorized("This shop sells to signed-in buyers only: sign in to go on");
            }
            try {
                return new Buyer(GuestCheckout.subjectOf(token.strip()), null, null, null);
            } catch (IllegalArgumentException e) {
                throw unauthorized("The Guest-Token is not one this shop gives out; send the one you got with your first hold");
            }
        }
        if (mayStartGuest && guestsWelcome) {
            String issued = GuestCheckout.newToken();
            return new Buyer(GuestCheckout.subjectOf(issued), null, null, issued);
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
