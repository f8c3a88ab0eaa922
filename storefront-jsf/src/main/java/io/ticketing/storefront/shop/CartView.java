package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.application.NotificationChannelSetup;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.domain.order.CouponNotApplicableException;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PhoneNumber;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.order.Quote;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cart and checkout ({@code /cart}): the buyer's live holds with what they cost (the core's
 * quote, coupon included, so the discount shown is the discount paid), a countdown to when they
 * run out, more time once, removing them, and the checkout that turns them into an order with the
 * idempotency key the page was given, then sends the buyer to pay.
 */
@Named("cart")
@RequestScoped
public class CartView {

    static final int MAX_COUPON = 40;

    @Inject
    HoldService holds;
    @Inject
    OrderService orders;
    @Inject
    EventCatalog catalog;
    @Inject
    Shopper shopper;
    @Inject
    Formats fmt;
    @Inject
    HttpServletRequest request;
    @Inject
    NotificationChannelSetup channels;

    private boolean loaded;
    private Buyers.Buyer buyer;
    private final List<Hold> live = new ArrayList<>();
    private Quote quote;
    private final Map<Long, String> eventTitles = new HashMap<>();

    private String couponCode;
    private String email;
    private String name;
    private boolean marketingConsent;
    private String phone;
    private boolean smsConfirmation;
    private Boolean smsOffered;

    /** Reads the cart before the page renders, so what ran out meanwhile is said at the top of the page. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        buyer = shopper.current();
        ShopSession.Basket basket = shopper.basket();
        boolean ended = false;
        Instant now = Instant.now();
        for (UUID id : basket.holdIds()) {
            Hold hold = buyer == null ? null : find(id);
            if (hold != null && hold.liveAt(now)) {
                live.add(hold);
            } else {
                basket.remove(id);
                ended = true;
            }
        }
        if (ended) {
            ShopMessages.error(fmt, "cart.ended");
        }
        if (!live.isEmpty()) {
            quote = quote(basket);
        }
    }

    private Hold find(UUID id) {
        try {
            return holds.find(buyer.subject(), id);
        } catch (CatalogNotFoundException e) {
            return null;
        }
    }

    private Quote quote(ShopSession.Basket basket) {
        List<UUID> ids = live.stream().map(Hold::id).toList();
        try {
            return orders.quote(buyer.subject(), ids, basket.coupon());
        } catch (CouponNotApplicableException e) {
            // The coupon stopped applying (used up, expired): say so and show the price without it.
            basket.coupon(null);
            ShopMessages.explain(fmt, e, id -> "", "problem.holdEnded");
            return quote(basket);
        } catch (RuntimeException e) {
            ShopMessages.explain(fmt, e, id -> "", "problem.holdEnded");
            return null;
        }
    }

    public boolean isNothingHeld() {
        load();
        return live.isEmpty();
    }

    public Quote getQuote() {
        load();
        return quote;
    }

    public String eventTitle(PricedLine line) {
        return eventTitles.computeIfAbsent(line.eventId(), id -> {
            try {
                return catalog.listedEvent(id).title();
            } catch (CatalogNotFoundException e) {
                return "";
            }
        });
    }

    /** When the first of the holds runs out, for the countdown (ISO 8601, UTC). */
    public String getExpiresAt() {
        load();
        return live.stream().map(Hold::expiresAt).min(Comparator.naturalOrder()).map(Instant::toString).orElse("");
    }

    /** Whole minutes until the first hold runs out (at least 1 while any is live), for pages without scripts. */
    public long getMinutesLeft() {
        load();
        return live.stream().map(Hold::expiresAt).min(Comparator.naturalOrder())
                .map(end -> Math.max(1, (java.time.Duration.between(Instant.now(), end).toSeconds() + 59) / 60)).orElse(0L);
    }

    public String getPayLabel() {
        return quote == null ? "" : fmt.text("checkout.pay", fmt.money(quote.total()));
    }

    /** The server's clock, so the countdown is right on a device whose clock is not. */
    public String getServerNow() {
        return Instant.now().toString();
    }

    /** More time can be asked once, while no hold of the cart is already in an order. */
    public boolean isExtendable() {
        load();
        return !live.isEmpty() && live.stream().noneMatch(Hold::extended);
    }

    public boolean isSignedIn() {
        return shopper.signedIn();
    }

    public Buyers.Buyer getBuyer() {
        load();
        return buyer;
    }

    public String getCheckoutKey() {
        return shopper.basket().checkoutKey();
    }

    public String getAppliedCoupon() {
        return shopper.basket().coupon();
    }

    /** The order this browser made last in this shop, for a link back to it from an empty cart. */
    public String getLastOrderUrl() {
        UUID last = shopper.basket().lastOrder();
        return last == null ? null : ShopPage.url(request, "/" + orders.linkPath(last));
    }

    public String extend() throws IOException {
        load();
        try {
            for (Hold hold : live) {
                holds.extend(buyer.subject(), hold.id());
            }
            ShopMessages.info(fmt, "cart.extendedInfo");
        } catch (RuntimeException e) {
            ShopMessages.explain(fmt, e, id -> "", "problem.holdEnded");
        }
        return backToCart();
    }

    public String remove() throws IOException {
        load();
        for (Hold hold : live) {
            try {
                holds.release(buyer.subject(), hold.id());
            } catch (RuntimeException e) {
                ShopMessages.explain(fmt, e, id -> "", "problem.holdEnded");
                return backToCart();
            }
            shopper.basket().remove(hold.id());
        }
        ShopMessages.info(fmt, "cart.removed");
        return backToCart();
    }

    public String applyCoupon() throws IOException {
        load();
        String code = couponCode == null ? "" : couponCode.strip();
        if (code.isEmpty() || code.length() > MAX_COUPON) {
            ShopMessages.error(fmt, "problem.coupon.UNKNOWN");
            return backToCart();
        }
        try {
            Quote priced = orders.quote(buyer.subject(), live.stream().map(Hold::id).toList(), code);
            shopper.basket().coupon(code.toUpperCase(java.util.Locale.ROOT));
            ShopMessages.info(fmt, "cart.couponApplied", fmt.money(priced.discount()));
        } catch (RuntimeException e) {
            ShopMessages.explain(fmt, e, id -> "", "problem.holdEnded");
        }
        return backToCart();
    }

    public String removeCoupon() throws IOException {
        shopper.basket().coupon(null);
        return backToCart();
    }

    /**
     * Makes the order with the key the page was given and sends the buyer to pay. A second submit
     * of the same page (a double click, a reload) finds the order the first one made.
     */
    public String checkout() throws IOException {
        load();
        ShopSession.Basket basket = shopper.basket();
        String key = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("checkoutKey");
        UUID earlier = basket.orderMadeWith(key);
        if (earlier != null) {
            return toOrder(orders.findOwn(buyer.subject(), earlier));
        }
        if (live.isEmpty() || quote == null) {
            return backToCart();
        }
        if (key == null || !key.equals(basket.checkoutKey())) {
            ShopMessages.error(fmt, "problem.cartChanged");
            return backToCart();
        }
        String typedPhone = phone == null || phone.isBlank() ? null : phone.strip();
        boolean sms = smsConfirmation && isSmsOffered();
        try {
            PhoneNumber.normalize("buyer.phone", typedPhone);
        } catch (InvalidFieldException e) {
            return phoneProblem("checkout.phoneInvalid");
        }
        if (sms && typedPhone == null) {
            return phoneProblem("checkout.phoneNeeded");
        }
        try {
            Buyers.Buyer payer = shopper.forCheckout();
            boolean guest = !shopper.signedIn();
            OrderService.Placed placed = orders.place(
                    new OrderService.Buyer(payer.subject(), guest ? email.strip() : payer.email(),
                            guest ? name.strip() : payer.name(), marketingConsent,
                            // the page's language is the one the buyer reads: their mails come in it
                            fmt.getLocale().toLanguageTag(), typedPhone, sms),
                    payer.clientAddress(), key, live.stream().map(Hold::id).toList(), basket.coupon(),
                    OidcBrowserFlow.absolute(request, ShopPage.url(request, "/")));
            basket.checkedOut(key, placed.order().id());
            return toOrder(placed.order());
        } catch (RuntimeException e) {
            // Stay on the page: what the buyer typed is kept, and the same key tries the same order again.
            ShopMessages.explain(fmt, e, id -> "", "problem.holdEnded");
            return null;
        }
    }

    /** Whether to offer the confirmation by SMS: only where the shop sends SMS. */
    public boolean isSmsOffered() {
        if (smsOffered == null) {
            smsOffered = channels.smsOn();
        }
        return smsOffered;
    }

    /** Says what is wrong with the phone number beside its field; the page stays with what the buyer typed. */
    private String phoneProblem(String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage("checkout:phone", new FacesMessage(FacesMessage.SEVERITY_ERROR, fmt.text(key), null));
        faces.validationFailed();
        return null;
    }

    /** To the provider's page while the order waits for its payment, else to the order's own page. */
    private String toOrder(OrderView order) throws IOException {
        String target = order.status().isOpen() && order.paymentUrl() != null ? order.paymentUrl()
                : ShopPage.url(request, "/" + orders.linkPath(order.id()));
        FacesContext.getCurrentInstance().getExternalContext().redirect(target);
        return null;
    }

    /** Post/Redirect/Get: a reload after an action shows the cart, never posts again. */
    private String backToCart() throws IOException {
        FacesContext.getCurrentInstance().getExternalContext().redirect(ShopPage.url(request, "/cart"));
        return null;
    }

    public String getCouponCode() {
        return couponCode;
    }

    public void setCouponCode(String couponCode) {
        this.couponCode = couponCode;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public boolean isSmsConfirmation() {
        return smsConfirmation;
    }

    public void setSmsConfirmation(boolean smsConfirmation) {
        this.smsConfirmation = smsConfirmation;
    }

    public boolean isMarketingConsent() {
        return marketingConsent;
    }

    public void setMarketingConsent(boolean marketingConsent) {
        this.marketingConsent = marketingConsent;
    }
}
