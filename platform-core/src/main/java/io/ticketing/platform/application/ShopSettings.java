package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shop's checkout settings as its organizer admins change them: guest checkout, test mode and
 * the caps on tickets held at once. Every change is written to the staff audit log in the same
 * transaction.
 */
@ApplicationScoped
public class ShopSettings {

    @Inject
    TenantTransactions transactions;

    @Inject
    CheckoutSettings settings;

    @Inject
    StaffAuditLog audit;

    @Inject
    BuyerLimits limits;

    /** The settings, with the platform's caps that apply where the shop set none. */
    public record Checkout(boolean guestCheckout, boolean testMode, CheckoutSettings.HoldCaps shopCaps,
                           CheckoutSettings.HoldCaps platformCaps) {
    }

    public Checkout checkout() {
        return transactions.inTransaction(this::read);
    }

    private Checkout read() {
        return new Checkout(settings.guestCheckout(), settings.testMode(), settings.holdCaps(), limits.platformCaps());
    }

    /** Sets all of them; what differs from before is changed and audited, the rest left alone. */
    public Checkout change(StaffAuditLog.Actor actor, boolean guestCheckout, boolean testMode, CheckoutSettings.HoldCaps caps) {
        check("maxHeldPerBuyer", caps.perBuyer(), 10_000);
        check("maxHeldPerAddress", caps.perAddress(), 100_000);
        return transactions.inTransaction(() -> {
            Checkout before = read();
            List<String> changed = new ArrayList<>();
            if (before.guestCheckout() != guestCheckout) {
                settings.setGuestCheckout(guestCheckout);
                changed.add("guestCheckout " + before.guestCheckout() + " -> " + guestCheckout);
            }
            if (before.testMode() != testMode) {
                settings.setTestMode(testMode);
                changed.add("testMode " + before.testMode() + " -> " + testMode);
            }
            if (!Objects.equals(before.shopCaps(), caps)) {
                settings.setHoldCaps(caps);
                changed.add("held at once per buyer " + before.shopCaps().perBuyer() + " -> " + caps.perBuyer()
                        + ", per address " + before.shopCaps().perAddress() + " -> " + caps.perAddress());
            }
            if (!changed.isEmpty()) {
                audit.add(actor, "checkout.settings", String.join("; ", changed),
                        new StaffAuditLog.Change("checkout", values(before.guestCheckout(), before.testMode(), before.shopCaps()),
                                values(guestCheckout, testMode, caps)));
            }
            return read();
        });
    }

    /** Whether the shop's organizer staff may refund orders (its admins always may). */
    public boolean staffMayRefund() {
        return transactions.inTransaction(settings::staffMayRefund);
    }

    /** Lets the shop's staff refund, or only its admins; audited ({@code checkout.staff-refunds}) when it changes. */
    public boolean changeStaffMayRefund(StaffAuditLog.Actor actor, boolean allowed) {
        return transactions.inTransaction(() -> {
            boolean before = settings.staffMayRefund();
            if (before != allowed) {
                settings.setStaffMayRefund(allowed);
                audit.add(actor, "checkout.staff-refunds", "staff may refund " + before + " -> " + allowed,
                        new StaffAuditLog.Change("checkout", java.util.Map.of("staffMayRefund", before),
                                java.util.Map.of("staffMayRefund", allowed)));
            }
            return allowed;
        });
    }

    /** Records a change made through another service (a coupon, say) in the staff audit log. */
    public void audited(StaffAuditLog.Actor actor, String action, String detail) {
        transactions.run(() -> audit.add(actor, action, detail));
    }

    /** Records an action on {@code change.subject()} with the values before and after (a price, a setting). */
    public void audited(StaffAuditLog.Actor actor, String action, String detail, StaffAuditLog.Change change) {
        transactions.run(() -> audit.add(actor, action, detail, change));
    }

    /** The shop's staff audit log, newest first, filtered. */
    public List<StaffAuditLog.Entry> auditLog(StaffAuditLog.Query query) {
        return transactions.inTransaction(() -> audit.search(query));
    }

    /** The same inside the caller's tenant transaction. */
    List<StaffAuditLog.Entry> auditLogInTransaction(StaffAuditLog.Query query) {
        return audit.search(query);
    }

    /** The latest entries of the shop's staff audit log, newest first. */
    public List<StaffAuditLog.Entry> auditLog(int limit) {
        return transactions.inTransaction(() -> audit.recent(Math.max(1, Math.min(limit, 500))));
    }

    private static java.util.Map<String, Object> values(boolean guestCheckout, boolean testMode, CheckoutSettings.HoldCaps caps) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("guestCheckout", guestCheckout);
        values.put("testMode", testMode);
        values.put("maxHeldPerBuyer", caps.perBuyer());
        values.put("maxHeldPerAddress", caps.perAddress());
        return values;
    }

    private static void check(String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            throw new InvalidFieldException(field, field + " is a number from 1 to " + max + ", or null for the platform's default");
        }
    }
}
