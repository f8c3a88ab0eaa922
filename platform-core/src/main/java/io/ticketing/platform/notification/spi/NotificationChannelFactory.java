package io.ticketing.platform.notification.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes {@link NotificationChannel}s; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ticketing.platform.notification.spi.NotificationChannelFactory}), shaped like
 * the payment SPI and Keycloak's provider factories.
 */
public interface NotificationChannelFactory {

    /** The media a channel carries. */
    enum Medium { EMAIL, SMS }

    /** The id shops choose it by ({@code smtp}, {@code sms-log}). */
    String id();

    Medium medium();

    /** Reads the platform's settings once, at start; {@code config} answers MicroProfile Config keys. */
    default void init(Function<String, Optional<String>> config) {
    }

    /** Whether this platform offers the channel (its server is configured, its SDK is there). */
    boolean enabled();

    /** Credential names a shop must set; empty for a channel the platform runs for every shop (its SMTP server). */
    default Set<String> requiredCredentials() {
        return Set.of();
    }

    /**
     * Whether a shop must choose this channel (and set its credentials) before it carries the shop's messages;
     * false for a channel the platform runs for every shop. A channel with credentials is always chosen by the shop.
     */
    default boolean chosenByShop() {
        return !requiredCredentials().isEmpty();
    }

    /** Whether a class (an SDK's) can be loaded by the loader that loaded {@code factory}. */
    static boolean onClasspath(String className, Class<?> factory) {
        try {
            Class.forName(className, false, factory.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A channel for one shop, for one relay round.
     *
     * @param shop the shop's slug, for logs
     * @param credentials the shop's credentials, unsealed (empty for platform-wide channels); never logged
     * @throws IllegalArgumentException with words an organizer understands when the credentials will not do
     */
    NotificationChannel create(String shop, Map<String, String> credentials);
}
