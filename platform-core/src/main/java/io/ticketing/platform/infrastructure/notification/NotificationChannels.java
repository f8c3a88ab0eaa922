package io.ticketing.platform.infrastructure.notification;

import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.NotificationChannelFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/** The notification channels this node offers: factories found with {@link ServiceLoader}, set up from the platform's configuration. */
@ApplicationScoped
public class NotificationChannels {

    private final Map<String, NotificationChannelFactory> factories = new LinkedHashMap<>();

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
    public List<NotificationChannelFactory.Medium> media() {
        return factories.values().stream().filter(NotificationChannelFactory::enabled).map(NotificationChannelFactory::medium)
                .distinct().toList();
    }

    /** A channel of this medium for the current shop, for one relay round (the caller closes it). */
    public NotificationChannel open(NotificationChannelFactory.Medium medium) {
        NotificationChannelFactory factory = factories.values().stream().filter(f -> f.medium() == medium && f.enabled()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + medium + " channel on this node"));
        return factory.create(TenantContext.require().slug().value(), Map.of());
    }
}
