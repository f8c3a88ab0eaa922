package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Checkout settings in the current tenant transaction. */
@ApplicationScoped
public class JdbcCheckoutSettings implements CheckoutSettings {

    @Override
    public boolean guestCheckout() {
        return flag("guest_checkout");
    }

    @Override
    public void setGuestCheckout(boolean enabled) {
        Sql.update("UPDATE checkout_settings SET guest_checkout = ?, updated_at = now()", enabled);
    }

    @Override
    public HoldCaps holdCaps() {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT max_held_per_buyer, max_held_per_address FROM checkout_settings");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? new HoldCaps((Integer) r.getObject(1), (Integer) r.getObject(2)) : new HoldCaps(null, null);
            }
        });
    }

    @Override
    public void setHoldCaps(HoldCaps caps) {
        Sql.update("UPDATE checkout_settings SET max_held_per_buyer = ?, max_held_per_address = ?, updated_at = now()",
                caps.perBuyer(), caps.perAddress());
    }

    @Override
    public boolean testMode() {
        return flag("test_mode");
    }

    /** One boolean column of the shop's single settings row (a column name of this class, never input). */
    private static boolean flag(String column) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM checkout_settings");
                 ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        });
    }

    @Override
    public void setTestMode(boolean testMode) {
        Sql.update("UPDATE checkout_settings SET test_mode = ?, updated_at = now()", testMode);
    }

    @Override
    public boolean staffMayRefund() {
        return flag("staff_may_refund");
    }

    @Override
    public void setStaffMayRefund(boolean allowed) {
        Sql.update("UPDATE checkout_settings SET staff_may_refund = ?, updated_at = now()", allowed);
    }
}
