package io.ticketing.platform.infrastructure.payment.sandbox;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.persistence.TenantJdbc;
import io.ticketing.platform.infrastructure.tenancy.PlatformDataException;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentState;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentStatus;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The sandbox's own books (table {@code sandbox_payment} of the current shop): what its payment
 * page did with each payment. A real provider keeps such books on its side; the sandbox keeps them
 * here so that its {@link SandboxPaymentProvider#status} has an answer when a callback was lost.
 */
@ApplicationScoped
public class SandboxBooks {

    @Inject
    TenantJdbc jdbc;

    /** What the buyer did on the sandbox page; as at a provider, a paid (or refunded) payment stays so. */
    public void record(String paymentRef, PaymentState state, Money amount) {
        try {
            jdbc.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO sandbox_payment (payment_ref, state, amount_minor, currency) VALUES (?, ?, ?, ?)
                        ON CONFLICT (payment_ref) DO UPDATE SET state = excluded.state, updated_at = now()
                         WHERE sandbox_payment.state NOT IN ('PAID', 'REFUNDED')""")) {
                    s.setString(1, paymentRef);
                    s.setString(2, state.name());
                    s.setLong(3, amount.minorUnits());
                    s.setString(4, amount.currency().getCurrencyCode());
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new PlatformDataException("The sandbox could not record the payment", e);
        }
    }

    /** Where a sandbox payment stands: OPEN until the buyer acted on its page. */
    public PaymentStatus status(String paymentRef) throws PaymentUnavailableException {
        try {
            return jdbc.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT state, amount_minor, currency FROM sandbox_payment WHERE payment_ref = ?")) {
                    s.setString(1, paymentRef);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next()
                                ? new PaymentStatus(PaymentState.valueOf(r.getString(1)), Money.ofMinor(r.getLong(2), r.getString(3)))
                                : PaymentStatus.of(PaymentState.OPEN);
                    }
                }
            });
        } catch (SQLException e) {
            throw new PaymentUnavailableException("the sandbox's books cannot be read", e);
        }
    }
}
