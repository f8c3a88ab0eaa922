package io.ticketing.platform.infrastructure.payment;

import static io.ticketing.platform.interfaces.web.JsonFields.JSON;

import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxBooks;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProviderFactory;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The payment providers of the current shop: factories found with {@link ServiceLoader}, each
 * shop's credentials read from its {@code payment_settings} and unsealed with its own key. Every
 * shop has the sandbox, with a signing secret made on first use, so the whole flow works on a
 * laptop; a real provider is used once the organizer has set it up and chosen it.
 */
@ApplicationScoped
public class PaymentProviders {

    private final Map<String, PaymentProviderFactory> factories = new HashMap<>();
    /** Built providers by tenant id, provider and sealed settings: new settings make a new provider. */
    private final Map<String, PaymentProvider> built = new ConcurrentHashMap<>();

    @Inject
    TenantSecrets secrets;

    /**
     * Whether shops may take (pretend) payments through the sandbox. Off unless switched on: a shop
     * whose buyers could pay through the sandbox would be giving tickets away. Development and tests
     * switch it on.
     */
    @Inject
    @ConfigProperty(name = "ticketing.payments.sandbox", defaultValue = "false")
    boolean sandboxEnabled;

    public PaymentProviders() {
        ServiceLoader.load(PaymentProviderFactory.class, PaymentProviders.class.getClassLoader())
                .forEach(f -> factories.put(f.id(), f));
    }

    @Inject
    SandboxBooks sandboxBooks;

    @PostConstruct
    void lendSandboxItsBooks() {
        if (factories.get(SandboxPaymentProvider.ID) instanceof SandboxPaymentProviderFactory sandbox) {
            sandbox.keepBooksIn(sandboxBooks);
        }
    }

    public boolean exists(String providerId) {
        PaymentProviderFactory factory = factories.get(providerId);
        return factory != null && factory.available() && (sandboxEnabled || !providerId.equals(SandboxPaymentProvider.ID));
    }

    /** The provider the current shop takes payments with: its active real provider, else the sandbox where allowed. */
    public Optional<String> chosen(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT provider FROM payment_settings WHERE active AND provider <> ? ORDER BY updated_at DESC LIMIT 1")) {
            s.setString(1, SandboxPaymentProvider.ID);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && exists(r.getString(1))) {
                    return Optional.of(r.getString(1));
                }
            }
        }
        return sandboxEnabled ? Optional.of(SandboxPaymentProvider.ID) : Optional.empty();
    }

    /** The current shop's provider of that id, or empty when the shop has not set it up (the sandbox is always set up). */
    public Optional<PaymentProvider> of(Connection c, String providerId) throws SQLException {
        PaymentProviderFactory factory = factories.get(providerId);
        if (factory == null || !exists(providerId)) {
            return Optional.empty();
        }
        Tenant tenant = TenantContext.require();
        String sealed = sealedSettings(c, providerId);
        if (sealed == null && providerId.equals(SandboxPaymentProvider.ID)) {
            sealed = storeIfAbsent(c, providerId, secrets.seal(tenant, JSON.createObjectBuilder()
                    .add(SandboxPaymentProviderFactory.WEBHOOK_SECRET, TenantSecrets.newSecret()).build().toString()));
        }
        if (sealed == null) {
            return Optional.empty();
        }
        String opened = sealed;
        return Optional.of(built.computeIfAbsent(tenant.id() + "|" + providerId + "|" + sealed,
                key -> factory.create(tenant.slug().value(), credentials(secrets.open(tenant, opened)))));
    }

    /** A provider as the organizer sees it: whether this platform runs it, and whether the shop has set it up. */
    public record Offered(String id, Set<String> requiredCredentials, boolean configured, boolean active) {
    }

    public List<Offered> offered(Connection c) throws SQLException {
        Map<String, Boolean> configured = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT provider, active FROM payment_settings");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                configured.put(r.getString(1), r.getBoolean(2));
            }
        }
        return factories.values().stream().filter(f -> exists(f.id())).sorted(Comparator.comparing(PaymentProviderFactory::id))
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
    public void configure(Connection c, String providerId, Map<String, String> credentials, boolean active) throws SQLException {
        PaymentProviderFactory factory = factories.get(providerId);
        Tenant tenant = TenantContext.require();
        factory.create(tenant.slug().value(), credentials);
        var json = JSON.createObjectBuilder();
        credentials.forEach(json::add);
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO payment_settings (provider, sealed_credentials, active, updated_at) VALUES (?, ?, ?, now())
                ON CONFLICT (provider) DO UPDATE SET sealed_credentials = excluded.sealed_credentials,
                                                     active = excluded.active, updated_at = now()""")) {
            s.setString(1, providerId);
            s.setString(2, secrets.seal(tenant, json.build().toString()));
            s.setBoolean(3, active);
            s.executeUpdate();
        }
    }

    /** The shop's unsealed credentials of a provider (the sandbox's secret, for its own payment page). */
    public Map<String, String> credentials(Connection c, String providerId) throws SQLException {
        of(c, providerId);
        String sealed = sealedSettings(c, providerId);
        return sealed == null ? Map.of() : credentials(secrets.open(TenantContext.require(), sealed));
    }

    private static Map<String, String> credentials(String json) {
        JsonObject object = JSON.createReader(new StringReader(json)).readObject();
        Map<String, String> out = new HashMap<>();
        object.forEach((k, v) -> out.put(k, object.getString(k)));
        return out;
    }

    private static String sealedSettings(Connection c, String providerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sealed_credentials FROM payment_settings WHERE provider = ?")) {
            s.setString(1, providerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** Two nodes racing to set up the sandbox store one secret: the loser reads the winner's. */
    private static String storeIfAbsent(Connection c, String providerId, String sealed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO payment_settings (provider, sealed_credentials) VALUES (?, ?) ON CONFLICT (provider) DO NOTHING")) {
            s.setString(1, providerId);
            s.setString(2, sealed);
            s.executeUpdate();
        }
        return sealedSettings(c, providerId);
    }
}
