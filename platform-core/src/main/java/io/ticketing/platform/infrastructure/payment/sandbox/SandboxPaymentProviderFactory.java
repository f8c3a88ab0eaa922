package io.ticketing.platform.infrastructure.payment.sandbox;

import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** The sandbox provider; its credential is the shop's callback signing secret (and, for tests, an outage switch). */
public final class SandboxPaymentProviderFactory implements PaymentProviderFactory {

    public static final String WEBHOOK_SECRET = "webhookSecret";
    /** Optional: "true" makes the sandbox act as a provider that cannot be reached. */
    public static final String OUTAGE = "outage";

    private volatile SandboxBooks books;

    /** Where the sandbox's payment page keeps its books; the platform hands them over at start. */
    public void keepBooksIn(SandboxBooks books) {
        this.books = books;
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
        return new SandboxPaymentProvider(secret, Clock.systemUTC(), "true".equals(credentials.get(OUTAGE)), books);
    }
}
