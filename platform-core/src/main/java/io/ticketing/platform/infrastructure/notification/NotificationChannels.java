package io.ticketing.platform.infrastructure.notification;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.notification.ChannelSettings;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.NotificationChannelFactory;
import io.ticketing.platform.notification.spi.NotificationChannelFactory.Medium;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The notification channels this node offers: factories found with {@link ServiceLoader}, set up from the platform's
 * configuration. A channel the platform runs for every shop (SMTP) carries a medium for every shop; a channel a shop
 * chooses (an SMS provider) carries it only for shops that set it up, with their own credentials, unsealed with
 * their own key. It names no channel. Shop calls run inside a tenant transaction.
 */
@ApplicationScoped
public class NotificationChannels {

    private final Map<String, NotificationChannelFactory> factories = new LinkedHashMap<>();

    @Inject
    TenantSecrets secrets;

    @Inject
    ChannelSettings settings;

    @PostConstruct
    void loadFactories() {
        var config = ConfigProvider.getConfig(NotificationChannels.class.getClassLoader());
        loadFactories(key -> config.getOptionalValue(key, String.class));
    }

    public void loadFactories(Function<String, Optional<String>> config) {
        ServiceLoader.load(NotificationChannelFactory.class, NotificationChannels.class.getClassLoader()).forEach(f -> {
            f.init(config);
            factories.put(f.id(), f);
        });
    }

    /** The media this node can send: those with an enabled channel. */
    public List<Medium> media() {
        return factories.values().stream().filter(NotificationChannelFactory::enabled).map(NotificationChannelFactory::medium)
                .distinct().toList();
    }

    /**
     * A channel of this medium for the current shop, for one relay round (the caller closes it): the shop's own
     * active choice, else the platform's channel for every shop; empty when the shop has neither (it turned its SMS off).
     */
    public Optional<NotificationChannel> open(Medium medium) {
        Tenant shop = TenantContext.require();
        Optional<ChannelSettings.Configured> chosen = shopsChoice(medium);
        if (chosen.isPresent()) {
            NotificationChannelFactory factory = factories.get(chosen.get().channel());
            return Optional.of(factory.create(shop.slug().value(), parse(secrets.open(shop, chosen.get().sealedCredentials()))));
        }
        return factories.values().stream().filter(f -> f.medium() == medium && f.enabled() && !f.chosenByShop()).findFirst()
                .map(f -> f.create(shop.slug().value(), Map.of()));
    }

    /** Whether the current shop has a channel of this medium it chose and this node runs (its SMS is on). */
    public boolean chosenByShop(Medium medium) {
        return shopsChoice(medium).isPresent();
    }

    private Optional<ChannelSettings.Configured> shopsChoice(Medium medium) {
        return settings.active(medium.name()).filter(c -> exists(c.channel()));
    }

    public boolean exists(String channelId) {
        NotificationChannelFactory factory = factories.get(channelId);
        return factory != null && factory.enabled() && factory.chosenByShop();
    }

    /** A channel a shop may choose, as the organizer sees it: what it needs, and whether the shop set it up and uses it. */
    public record Offered(String id, Medium medium, Set<String> requiredCredentials, boolean configured, boolean active) {
    }

    public List<Offered> offered() {
        Map<String, ChannelSettings.Configured> configured = new HashMap<>();
        settings.all().forEach(c -> configured.put(c.channel(), c));
        return factories.values().stream().filter(f -> f.enabled() && f.chosenByShop())
                .sorted(Comparator.comparing(NotificationChannelFactory::id))
                .map(f -> new Offered(f.id(), f.medium(), f.requiredCredentials(), configured.containsKey(f.id()),
                        configured.containsKey(f.id()) && configured.get(f.id()).active()))
                .toList();
    }

    /**
     * Sets up (or replaces) the current shop's credentials for a channel, checked by its factory first, sealed with
     * the shop's key; {@code credentials} null keeps those set before (to switch a channel on or off).
     *
     * @throws IllegalArgumentException with the factory's words when the credentials will not do, or none were ever set
     */
    public void configure(String channelId, Map<String, String> credentials, boolean active) {
        Tenant shop = TenantContext.require();
        NotificationChannelFactory factory = factories.get(channelId);
        Map<String, String> wanted = credentials;
        if (wanted == null) {
            wanted = settings.find(channelId).map(c -> parse(secrets.open(shop, c.sealedCredentials())))
                    .orElseThrow(() -> new IllegalArgumentException("Set the credentials of " + channelId + " first"));
        }
        factory.create(shop.slug().value(), wanted).close();
        var json = JSON.createObjectBuilder();
        wanted.forEach(json::add);
        settings.store(channelId, factory.medium().name(), secrets.seal(shop, json.build().toString()), active);
    }

    private static Map<String, String> parse(String json) {
        JsonObject object = JSON.createReader(new StringReader(json)).readObject();
        Map<String, String> out = new HashMap<>();
        object.forEach((k, v) -> out.put(k, object.getString(k)));
        return out;
    }
}
