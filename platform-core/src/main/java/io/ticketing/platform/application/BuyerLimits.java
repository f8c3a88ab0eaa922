package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.infrastructure.ratelimit.TenantRateLimiter;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The anti-scalping limits, in one place: how often one buyer and one client address may hold and
 * order per minute (all nodes together), and how many tickets each may hold at once (the shop's
 * own caps, or the platform's defaults). A client address is only ever kept as a keyed hash.
 */
@ApplicationScoped
public class BuyerLimits {

    private static final String ADDRESS_INDEX = "client-address";

    @Inject
    TenantRateLimiter rates;


    @Inject
    TenantSecrets secrets;

    @Inject
    @ConfigProperty(name = "ticketing.limits.holds-per-minute-per-buyer", defaultValue = "20")
    int holdsPerBuyer;

    @Inject
    @ConfigProperty(name = "ticketing.limits.holds-per-minute-per-address", defaultValue = "120")
    int holdsPerAddress;

    @Inject
    @ConfigProperty(name = "ticketing.limits.orders-per-minute-per-buyer", defaultValue = "10")
    int ordersPerBuyer;

    @Inject
    @ConfigProperty(name = "ticketing.limits.orders-per-minute-per-address", defaultValue = "60")
    int ordersPerAddress;

    @Inject
    @ConfigProperty(name = "ticketing.limits.tickets-held-per-buyer", defaultValue = "20")
    int heldPerBuyer;

    @Inject
    @ConfigProperty(name = "ticketing.limits.tickets-held-per-address", defaultValue = "100")
    int heldPerAddress;

    @Inject
    @ConfigProperty(name = "ticketing.guests.new-per-minute-per-address", defaultValue = "30")
    int newGuestsPerAddress;

    /**
     * Counts a new guest from this client address: guests cost nothing to make, so without a cap a
     * script could start a fresh buyer for every hold.
     */
    public void countNewGuest(String clientAddress) {
        if (!rates.allow("new-guest", clientAddress == null ? "unknown" : clientAddress, newGuestsPerAddress)) {
            throw new RateLimitedException("Too many new guests from your address in the last minute: wait a minute, or sign in", 60);
        }
    }

    /** The keyed hash a client address is counted (and stored) by; null for none. */
    public String clientKey(Requester requester) {
        return requester.clientAddress() == null ? null
                : secrets.blindIndex(TenantContext.require(), ADDRESS_INDEX, requester.clientAddress());
    }

    void countHold(Requester requester, String clientKey) {
        count("hold", "holds", requester, clientKey, holdsPerBuyer, holdsPerAddress);
    }

    void countOrder(Requester requester) {
        count("order", "orders", requester, clientKey(requester), ordersPerBuyer, ordersPerAddress);
    }

    private void count(String action, String plural, Requester requester, String clientKey, int perBuyer, int perAddress) {
        if (!rates.allow(action + "-buyer", requester.buyer(), perBuyer)) {
            throw new RateLimitedException("You have placed too many " + plural + " in the last minute (at most "
                    + perBuyer + "): wait a minute and try again", 60);
        }
        if (clientKey != null && !rates.allow(action + "-address", clientKey, perAddress)) {
            throw new RateLimitedException("Too many " + plural + " came from your network in the last minute: "
                    + "wait a minute and try again", 60);
        }
    }

    /** What the shop allows held at once: its own caps where set, else the platform's. */
    public CheckoutSettings.HoldCaps effective(CheckoutSettings.HoldCaps shop) {
        return new CheckoutSettings.HoldCaps(shop.perBuyer() != null ? shop.perBuyer() : heldPerBuyer,
                shop.perAddress() != null ? shop.perAddress() : heldPerAddress);
    }

    /** The platform's defaults, for a settings page to show what "not set" means. */
    public CheckoutSettings.HoldCaps platformCaps() {
        return new CheckoutSettings.HoldCaps(heldPerBuyer, heldPerAddress);
    }
}
