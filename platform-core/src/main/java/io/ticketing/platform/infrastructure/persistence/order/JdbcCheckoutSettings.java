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
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT guest_checkout FROM checkout_settings");
                 ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        });
    }

    @Override
    public void setGuestCheckout(boolean enabled) {
        Sql.update("UPDATE checkout_settings SET guest_checkout = ?, updated_at = now()", enabled);
    }
}
