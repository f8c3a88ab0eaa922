package io.ticketing.platform.infrastructure.payment;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.order.PaymentSettings;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The payment providers of the current shop: factories found with {@link ServiceLoader} and set up
 * from the platform's configuration, each shop's credentials read from its settings and unsealed
 * with its own key. It names no provider: a factory says whether it is enabled, whether it takes
 * the payments of shops that chose none (the sandbox, in development), and what credentials it
 * makes for a shop itself. Called inside a tenant transaction.
 */
@ApplicationScoped
public class PaymentProviders {

    private final Map<String, PaymentProviderFactory> factories = new HashMap<>();
    /** Built providers by tenant id, provider and sealed settings: new settings make a new provider. */
    private final Map<String, PaymentProvider> built = new ConcurrentHashMap<>();

    @Inject
    TenantSecrets secrets;

    @Inject
    PaymentSettings settings;

    @PostConstruct
    void loadFactories() {
        var config = ConfigProvider.getConfig(PaymentProviders.class.getClassLoader());
        loadFactories(key -> config.getOptionalValue(key, String.class));
    }

    /** Finds the factories and sets each up from {@code config} (MicroProfile Config keys to values). */
    public void loadFactories(Function<String, Optional<String>> config) {
        ServiceLoader.load(PaymentProviderFactory.class, PaymentProviders.class.getClassLoader()).forEach(f -> {
            f.init(config);
            factories.put(f.id(), f);
        });
    }

    public boolean exists(String providerId) {
        PaymentProviderFactory factory = factories.get(providerId);
        return factory != null && factory.enabled();
    }

    /** The provider the current shop takes payments with: its latest active real provider, else a fallback where one is enabled. */
    public Optional<String> chosen() {
        Optional<String> real = settings.activeProviders().stream()
                .filter(id -> exists(id) && !factories.get(id).fallback()).findFirst();
        return real.isPresent() ? real : enabled().filter(PaymentProviderFactory::fallback).map(PaymentProviderFactory::id).findFirst();
    }

    /** The current shop's provider of that id, or empty when the shop has not set it up. */
    public Optional<PaymentProvider> of(String providerId) {
        if (!exists(providerId)) {
            return Optional.empty();
        }
        PaymentProviderFactory factory = factories.get(providerId);
        Tenant tenant = TenantContext.require();
        Optional<String> sealed = sealedCredentials(tenant, factory);
        return sealed.map(s -> built.computeIfAbsent(tenant.id() + "|" + providerId + "|" + s,
                key -> factory.create(tenant.slug().value(), parseCredentials(secrets.open(tenant, s)))));
    }

    /** The shop's sealed credentials; those a factory makes itself are made and stored on first use. */
    private Optional<String> sealedCredentials(Tenant tenant, PaymentProviderFactory factory) {
        Optional<String> sealed = settings.sealedCredentials(factory.id());
        if (sealed.isPresent()) {
            return sealed;
        }
        return factory.defaultCredentials().map(made -> settings.storeIfAbsent(factory.id(), seal(tenant, made)));
    }

    /** A provider as the organizer sees it: whether this platform runs it, and whether the shop has set it up. */
    public record Offered(String id, Set<String> requiredCredentials, boolean configured, boolean active) {
    }

    public List<Offered> offered() {
        Map<String, Boolean> configured = settings.configured();
        return enabled().sorted(Comparator.comparing(PaymentProviderFactory::id))
                .map(f -> new Offered(f.id(), f.requiredCredentials(), configured.containsKey(f.id()),
                        configured.getOrDefault(f.id(), false)))
                .toList();
    }

    /**
     * Sets up (or replaces) the current shop's credentials for a provider, checked by its factory
     * first, sealed with the shop's key; {@code active} makes it the shop's way to take payments.
     *
     * @throws IllegalArgumentException with the factory's words when the credentials will not do
     */
    public void configure(String providerId, Map<String, String> credentials, boolean active) {
        Tenant tenant = TenantContext.require();
        factories.get(providerId).create(tenant.slug().value(), credentials);
        settings.store(providerId, seal(tenant, credentials), active);
    }

    /** Switches a provider the shop has set up on or off, keeping its credentials; false when it has none. */
    public boolean setActive(String providerId, boolean active) {
        Optional<String> sealed = settings.sealedCredentials(providerId);
        sealed.ifPresent(s -> settings.store(providerId, s, active));
        return sealed.isPresent();
    }

    /** Whether the shop's stored credentials of a provider take real money (empty: none stored, or the provider cannot tell). */
    public Optional<Boolean> storedLiveMode(String providerId) {
        if (!exists(providerId)) {
            return Optional.empty();
        }
        Tenant tenant = TenantContext.require();
        return settings.sealedCredentials(providerId)
                .flatMap(s -> factories.get(providerId).liveMode(parseCredentials(secrets.open(tenant, s))));
    }

    /** Whether these credentials of a provider take real money; see {@link PaymentProviderFactory#liveMode}. */
    public Optional<Boolean> liveMode(String providerId, Map<String, String> credentials) {
        return factories.get(providerId).liveMode(credentials);
    }

    /** The shop's unsealed credentials of a provider (the sandbox's secret, for its own payment page). */
    public Map<String, String> credentials(String providerId) {
        if (!exists(providerId)) {
            return Map.of();
        }
        Tenant tenant = TenantContext.require();
        return sealedCredentials(tenant, factories.get(providerId)).map(s -> parseCredentials(secrets.open(tenant, s))).orElse(Map.of());
    }

    private java.util.stream.Stream<PaymentProviderFactory> enabled() {
        return factories.values().stream().filter(PaymentProviderFactory::enabled);
    }

    private String seal(Tenant tenant, Map<String, String> credentials) {
        var json = JSON.createObjectBuilder();
        credentials.forEach(json::add);
        return secrets.seal(tenant, json.build().toString());
    }

    private static Map<String, String> parseCredentials(String json) {
        JsonObject object = JSON.createReader(new StringReader(json)).readObject();
        Map<String, String> out = new HashMap<>();
        object.forEach((k, v) -> out.put(k, object.getString(k)));
        return out;
    }
}
