package io.ticketing.platform.infrastructure.persistence.payment;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxBooks;
import io.ticketing.platform.infrastructure.persistence.Sql;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentState;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentStatus;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The sandbox's books in the current tenant's schema. */
@ApplicationScoped
public class JdbcSandboxBooks implements SandboxBooks {

    @Inject
    TenantTransactions transactions;

    @Override
    public void record(String paymentRef, PaymentState state, Money amount) {
        transactions.run(() -> Sql.run(c -> {
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
        }));
    }

    @Override
    public void recordRefund(String paymentRef, String idempotencyKey, Money amount, String refundRef) {
        transactions.run(() -> Sql.update("""
                INSERT INTO sandbox_refund (payment_ref, idempotency_key, amount_minor, currency, refund_ref) VALUES (?, ?, ?, ?, ?)""",
                paymentRef, idempotencyKey, amount.minorUnits(), amount.currency().getCurrencyCode(), refundRef));
    }

    @Override
    public PaymentStatus status(String paymentRef) throws PaymentUnavailableException {
        try {
            return transactions.inTransaction(() -> Sql.query(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT state, amount_minor, currency FROM sandbox_payment WHERE payment_ref = ?")) {
                    s.setString(1, paymentRef);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next()
                                ? new PaymentStatus(PaymentState.valueOf(r.getString(1)), Money.ofMinor(r.getLong(2), r.getString(3)))
                                : PaymentStatus.of(PaymentState.OPEN);
                    }
                }
            }));
        } catch (PlatformDataException e) {
            throw new PaymentUnavailableException("the sandbox's books cannot be read", e);
        }
    }
}
