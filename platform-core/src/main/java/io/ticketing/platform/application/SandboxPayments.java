package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxBooks;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProviderFactory;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the sandbox's own payment page does, standing in for a provider's: shows the order being
 * paid, books what the buyer chose, and sends the shop the provider's signed callback. There is no
 * such page where the sandbox is off.
 */
@ApplicationScoped
public class SandboxPayments {

    @Inject
    TenantTransactions transactions;

    @Inject
    PaymentProviders providers;

    @Inject
    SandboxBooks books;

    @Inject
    OrderService orders;

    @Inject
    PaymentCallbacks callbacks;

    /** A callback as the sandbox signs and sends it. */
    public record SignedCallback(Map<String, String> headers, byte[] body) {
    }

    /** The order a sandbox payment is for. */
    public OrderView order(String paymentRef) {
        if (!providers.exists(SandboxPaymentProvider.ID)) {
            throw new CatalogNotFoundException("There is no sandbox payment page here");
        }
        return orders.findByPayment(SandboxPaymentProvider.ID, paymentRef);
    }

    /** Books what the buyer chose (as at a provider, the payment happened even if its callback is lost) and signs its callback. */
    public SignedCallback settle(OrderView order, PaymentState state) {
        String secret = secret();
        String paymentRef = order.paymentRef();
        books.record(paymentRef, state, order.total());
        Instant now = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt_" + UUID.randomUUID().toString().replace("-", ""),
                "payment." + state.name().toLowerCase(Locale.ROOT), paymentRef, order.total(), now);
        return new SignedCallback(Map.of(SandboxSignature.HEADER.toLowerCase(Locale.ROOT), SandboxSignature.sign(secret, now, body)),
                body);
    }

    public PaymentCallbacks.Outcome deliver(SignedCallback callback) {
        return callbacks.receive(SandboxPaymentProvider.ID, callback.headers(), callback.body());
    }

    private String secret() {
        String secret = providers.exists(SandboxPaymentProvider.ID)
                ? transactions.inTransaction(() -> providers.credentials(SandboxPaymentProvider.ID))
                        .get(SandboxPaymentProviderFactory.WEBHOOK_SECRET)
                : null;
        if (secret == null) {
            throw new CatalogNotFoundException("There is no sandbox payment page here");
        }
        return secret;
    }
}
