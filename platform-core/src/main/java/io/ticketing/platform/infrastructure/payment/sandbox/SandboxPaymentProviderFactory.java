package io.ticketing.platform.infrastructure.payment.sandbox;

import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sandbox provider; its credential is the shop's callback signing secret (and, for tests, an
 * outage switch). Offered only where {@code ticketing.payments.sandbox} is on (development and
 * tests): a shop whose buyers could pay through the sandbox would be giving tickets away. There it
 * takes the payments of every shop that has chosen no real provider.
 */
public final class SandboxPaymentProviderFactory implements PaymentProviderFactory {

    public static final String WEBHOOK_SECRET = "webhookSecret";
    /** Optional: "true" makes the sandbox act as a provider that cannot be reached. */
    public static final String OUTAGE = "outage";

    private boolean enabled;

    @Override
    public void init(Function<String, Optional<String>> config) {
        enabled = config.apply("ticketing.payments.sandbox").map(Boolean::parseBoolean).orElse(false);
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public boolean fallback() {
        return true;
    }

    @Override
    public Optional<Map<String, String>> defaultCredentials() {
        return Optional.of(Map.of(WEBHOOK_SECRET, TenantSecrets.newSecret()));
    }

    @Override
    public String id() {
        return SandboxPaymentProvider.ID;
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of(WEBHOOK_SECRET);
    }

    @Override
    public PaymentProvider create(String shop, Map<String, String> credentials) {
        String secret = credentials.get(WEBHOOK_SECRET);
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the sandbox needs a webhookSecret of at least 16 characters");
        }
        return new SandboxPaymentProvider(secret, Clock.systemUTC(), "true".equals(credentials.get(OUTAGE)), books());
    }

    /** The books its payment page writes, from the application it runs in (none outside a container). */
    private static SandboxBooks books() {
        try {
            return CDI.current().select(SandboxBooks.class).get();
        } catch (IllegalStateException noContainer) {
            return null;
        }
    }
}
