package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.NotificationChannelSetup;
import io.ticketing.platform.application.PaymentSetup;
import io.ticketing.platform.application.ShopSettings;
import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Payments and checkout for the shop's admins ({@code /manage/payments/index.xhtml}): the payment providers this
 * platform offers, the shop's credentials for each (typed in, sealed, never shown back: only "set" or "not set" and
 * their mode), switching one on or off; the SMS and other notification channels the same way; and the checkout
 * settings (guest checkout, test mode, how many tickets one buyer and one address may hold at once). All through
 * {@link PaymentSetup}, {@link NotificationChannelSetup} and {@link ShopSettings}, as the API; each audits.
 */
@Named("paymentsPage")
@RequestScoped
public class PaymentsPage {

    @Inject
    PaymentSetup payments;
    @Inject
    NotificationChannelSetup channels;
    @Inject
    ShopSettings settings;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private List<PaymentSetup.Offered> providers;
    private List<NotificationChannelSetup.Offered> offeredChannels;
    private ShopSettings.Checkout checkout;
    private Boolean guestCheckout;
    private Boolean testMode;
    private String maxHeldPerBuyer;
    private String maxHeldPerAddress;

    public List<PaymentSetup.Offered> getProviders() {
        if (providers == null) {
            providers = payments.offered();
        }
        return providers;
    }

    public List<NotificationChannelSetup.Offered> getChannels() {
        if (offeredChannels == null) {
            offeredChannels = channels.offered();
        }
        return offeredChannels;
    }

    /** A credential's name, in words where the bundle has them ({@code payments.credential.webhookSecret}), else as the provider names it. */
    public String credentialLabel(String name) {
        String key = "payments.credential." + name;
        return fmt.bundle().containsKey(key) ? fmt.text(key) : name;
    }

    public String providerLabel(String id) {
        String key = "payments.provider." + id;
        return fmt.bundle().containsKey(key) ? fmt.text(key) : id;
    }

    public List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    /** The input's name and id for a credential of a provider or channel: {@code cred-stripe-apiKey}. */
    public String inputName(String owner, String credential) {
        return "cred-" + owner + "-" + credential;
    }

    public String modeLabel(String mode) {
        // EL hands a null String over as ""
        return fmt.text("live".equals(mode) || "test".equals(mode) ? "payments.mode." + mode : "payments.mode.unknown");
    }

    // --- providers

    public String configure(String providerId) {
        try {
            payments.configure(actor(), providerId, typed(providerId, payments.offered().stream()
                    .filter(p -> p.id().equals(providerId)).findFirst().map(PaymentSetup.Offered::requiredCredentials)
                    .orElse(Set.of())), "on".equals(request.getParameter("active-" + providerId)));
            providers = null;
            message(FacesMessage.SEVERITY_INFO, fmt.text("payments.saved", providerLabel(providerId)));
        } catch (InvalidFieldException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("payments.invalid.credentials", providerLabel(providerId), e.getMessage()));
        } catch (CatalogNotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("payments.notOffered", providerId));
        }
        return null;
    }

    public String activate(String providerId, boolean active) {
        try {
            payments.activate(actor(), providerId, active);
            providers = null;
            message(FacesMessage.SEVERITY_INFO, fmt.text(active ? "payments.activated" : "payments.deactivated", providerLabel(providerId)));
        } catch (InvalidFieldException | CatalogNotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("payments.notSet", providerLabel(providerId)));
        }
        return null;
    }

    // --- notification channels

    public String configureChannel(String channelId) {
        try {
            Set<String> required = channels.offered().stream().filter(c -> c.id().equals(channelId)).findFirst()
                    .map(NotificationChannelSetup.Offered::requiredCredentials).orElse(Set.of());
            channels.configure(actor(), channelId, typed(channelId, required), "on".equals(request.getParameter("active-" + channelId)));
            offeredChannels = null;
            message(FacesMessage.SEVERITY_INFO, fmt.text("payments.saved", channelId));
        } catch (InvalidFieldException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("payments.invalid.credentials", channelId, e.getMessage()));
        } catch (CatalogNotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("payments.notOffered", channelId));
        }
        return null;
    }

    public String activateChannel(String channelId, boolean active) {
        try {
            channels.configure(actor(), channelId, null, active);
            offeredChannels = null;
            message(FacesMessage.SEVERITY_INFO, fmt.text(active ? "payments.activated" : "payments.deactivated", channelId));
        } catch (InvalidFieldException | CatalogNotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("payments.notSet", channelId));
        }
        return null;
    }

    /** What was typed for {@code owner}'s credentials (blank ones left out, so the provider says which it misses). */
    private Map<String, String> typed(String owner, Set<String> names) {
        Map<String, String> typed = new HashMap<>();
        for (String name : names) {
            String value = request.getParameter(inputName(owner, name));
            if (value != null && !value.isBlank()) {
                typed.put(name, value.strip());
            }
        }
        return typed;
    }

    // --- checkout

    public ShopSettings.Checkout getCheckout() {
        if (checkout == null) {
            checkout = settings.checkout();
        }
        return checkout;
    }

    public boolean isGuestCheckout() {
        return guestCheckout != null ? guestCheckout : getCheckout().guestCheckout();
    }

    public void setGuestCheckout(boolean guestCheckout) {
        this.guestCheckout = guestCheckout;
    }

    public boolean isTestMode() {
        return testMode != null ? testMode : getCheckout().testMode();
    }

    public void setTestMode(boolean testMode) {
        this.testMode = testMode;
    }

    public String getMaxHeldPerBuyer() {
        return maxHeldPerBuyer != null ? maxHeldPerBuyer : text(getCheckout().shopCaps().perBuyer());
    }

    public void setMaxHeldPerBuyer(String maxHeldPerBuyer) {
        this.maxHeldPerBuyer = maxHeldPerBuyer;
    }

    public String getMaxHeldPerAddress() {
        return maxHeldPerAddress != null ? maxHeldPerAddress : text(getCheckout().shopCaps().perAddress());
    }

    public void setMaxHeldPerAddress(String maxHeldPerAddress) {
        this.maxHeldPerAddress = maxHeldPerAddress;
    }

    public String saveCheckout() {
        Integer perBuyer;
        Integer perAddress;
        try {
            perBuyer = number("maxHeldPerBuyer", maxHeldPerBuyer);
            perAddress = number("maxHeldPerAddress", maxHeldPerAddress);
            checkout = settings.change(actor(), guestCheckout != null && guestCheckout, testMode != null && testMode,
                    new CheckoutSettings.HoldCaps(perBuyer, perAddress));
            guestCheckout = null;
            testMode = null;
            maxHeldPerBuyer = null;
            maxHeldPerAddress = null;
            message(FacesMessage.SEVERITY_INFO, fmt.text("payments.checkout.saved"));
        } catch (InvalidFieldException e) {
            FacesContext.getCurrentInstance().addMessage("checkout:" + e.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, fmt.text("payments.invalid." + e.field()), null));
        }
        return null;
    }

    /** Whether {@code input} of the checkout form has an error to show; for aria-invalid. */
    public boolean invalid(String input) {
        return FacesContext.getCurrentInstance().getMessageList("checkout:" + input).stream()
                .anyMatch(m -> m.getSeverity() == FacesMessage.SEVERITY_ERROR);
    }

    private static Integer number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, field + " is a whole number");
        }
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    private StaffAuditLog.Actor actor() {
        SignedInUser user = SignInFilter.current(request).orElseThrow(() -> new SecurityException("Not signed in"));
        if (!user.mayChange("payments")) {
            throw new SecurityException("Only the shop's admins may change its payments");
        }
        return user.actor();
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
