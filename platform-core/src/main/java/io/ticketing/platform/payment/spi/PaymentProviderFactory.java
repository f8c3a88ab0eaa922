package io.ticketing.platform.payment.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes {@link PaymentProvider}s; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ticketing.platform.payment.spi.PaymentProviderFactory}).
 */
public interface PaymentProviderFactory {

    /** The id shops choose it by and callbacks arrive under ({@code /api/payments/callback/{id}}). */
    String id();

    /**
     * Whether this node can run the provider: real adapters need their provider's SDK, which a node
     * that takes such payments adds to its classpath (Payara Micro {@code --addlibs}).
     */
    default boolean available() {
        return true;
    }

    /** Whether a class (an SDK's) can be loaded by the loader that loaded {@code factory}. */
    static boolean onClasspath(String className, Class<?> factory) {
        try {
            Class.forName(className, false, factory.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Reads the platform's settings for this provider once, at start; {@code config} answers
     * MicroProfile Config keys. Like Keycloak's {@code ProviderFactory.init}.
     */
    default void init(Function<String, Optional<String>> config) {
    }

    /**
     * Whether this platform offers the provider at all (its SDK is there, and it is switched on).
     * Shops can set up and use only enabled providers.
     */
    default boolean enabled() {
        return available();
    }

    /**
     * A provider that takes a shop's payments when the shop has chosen no other (the sandbox, on a
     * development platform). Real providers are used only once the organizer has set them up.
     */
    default boolean fallback() {
        return false;
    }

    /** Credentials made for a shop on first use, for a provider that needs none from the organizer. */
    default Optional<Map<String, String>> defaultCredentials() {
        return Optional.empty();
    }

    /**
     * Whether these credentials take real money (true) or reach the provider's test environment
     * (false); empty where the provider has no such distinction. A live shop refuses test
     * credentials and a shop in test mode refuses live ones.
     */
    default Optional<Boolean> liveMode(Map<String, String> credentials) {
        return Optional.empty();
    }

    /** The credential names a shop must set, for the organizer's form and for validation. */
    Set<String> requiredCredentials();

    /**
     * A provider for one shop.
     *
     * @param shop the shop's slug, for references and logs
     * @param credentials the shop's credentials, unsealed; never logged
     */
    PaymentProvider create(String shop, Map<String, String> credentials);
}
