package io.ticketing.platform.infrastructure.payment.stripe;

import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stripe Checkout. A shop sets its secret API key ({@code sk_live_...}) and the signing secret of
 * the webhook endpoint it registered at Stripe for {@code <shop>/api/payments/callback/stripe}
 * ({@code whsec_...}), with the events {@code checkout.session.completed},
 * {@code checkout.session.async_payment_succeeded}, {@code checkout.session.async_payment_failed}
 * and {@code checkout.session.expired}.
 */
public final class StripePaymentProviderFactory implements PaymentProviderFactory {

    public static final String ID = "stripe";
    public static final String API_KEY = "apiKey";
    public static final String WEBHOOK_SECRET = "webhookSecret";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available() {
        return PaymentProviderFactory.onClasspath("com.stripe.net.Webhook", StripePaymentProviderFactory.class);
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of(API_KEY, WEBHOOK_SECRET);
    }

    /** Stripe's secret and restricted keys say their mode: {@code sk_live_}/{@code rk_live_} or {@code sk_test_}/{@code rk_test_}. */
    @Override
    public Optional<Boolean> liveMode(Map<String, String> credentials) {
        String apiKey = credentials.getOrDefault(API_KEY, "");
        if (apiKey.startsWith("sk_live_") || apiKey.startsWith("rk_live_")) {
            return Optional.of(true);
        }
        return apiKey.startsWith("sk_test_") || apiKey.startsWith("rk_test_") ? Optional.of(false) : Optional.empty();
    }

    @Override
    public PaymentProvider create(String shop, Map<String, String> credentials) {
        String apiKey = credentials.get(API_KEY);
        String webhookSecret = credentials.get(WEBHOOK_SECRET);
        if (apiKey == null || !(apiKey.startsWith("sk_") || apiKey.startsWith("rk_")) || webhookSecret == null || !webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("Stripe needs apiKey (sk_live_... or rk_live_...) and webhookSecret (whsec_...)");
        }
        return new StripePaymentProvider(apiKey, webhookSecret);
    }
}
