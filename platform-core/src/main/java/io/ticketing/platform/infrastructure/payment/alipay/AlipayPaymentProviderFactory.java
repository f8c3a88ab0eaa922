package io.ticketing.platform.infrastructure.payment.alipay;

import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alipay (website payment, {@code alipay.trade.page.pay}, in CNY). A shop sets its app id, its app
 * private key (RSA2, PKCS#8, base64), Alipay's public key for its app (base64), and optionally the
 * gateway (the sandbox's, say); Alipay's notifications go to {@code <shop>/api/payments/callback/alipay}.
 */
public final class AlipayPaymentProviderFactory implements PaymentProviderFactory {

    public static final String ID = "alipay";
    public static final String APP_ID = "appId";
    public static final String PRIVATE_KEY = "privateKey";
    public static final String ALIPAY_PUBLIC_KEY = "alipayPublicKey";
    public static final String GATEWAY = "gateway";
    static final String DEFAULT_GATEWAY = "https://openapi.alipay.com/gateway.do";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean available() {
        return PaymentProviderFactory.onClasspath("com.alipay.api.internal.util.AlipaySignature", AlipayPaymentProviderFactory.class);
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of(APP_ID, PRIVATE_KEY, ALIPAY_PUBLIC_KEY);
    }

    /** Alipay's sandbox lives on its own gateway host ({@code openapi-sandbox.dl.alipaydev.com}). */
    @Override
    public Optional<Boolean> liveMode(Map<String, String> credentials) {
        String host = java.net.URI.create(credentials.getOrDefault(GATEWAY, DEFAULT_GATEWAY).strip()).getHost();
        return Optional.of(host != null && !host.endsWith("alipaydev.com") && !host.contains("sandbox"));
    }

    @Override
    public PaymentProvider create(String shop, Map<String, String> credentials) {
        for (String required : requiredCredentials()) {
            if (credentials.get(required) == null || credentials.get(required).isBlank()) {
                throw new IllegalArgumentException("Alipay needs " + required);
            }
        }
        return new AlipayPaymentProvider(credentials.get(APP_ID), credentials.get(PRIVATE_KEY), credentials.get(ALIPAY_PUBLIC_KEY),
                credentials.getOrDefault(GATEWAY, DEFAULT_GATEWAY));
    }
}
