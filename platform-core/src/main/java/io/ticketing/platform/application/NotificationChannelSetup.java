package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.infrastructure.notification.NotificationChannels;
import io.ticketing.platform.notification.spi.NotificationChannelFactory.Medium;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an organizer chooses the shop's SMS channel: which channels this platform offers, and the shop's credentials
 * for one, checked by the channel, sealed with the shop's key, never shown back; every change audited. Checkout asks
 * here whether to offer SMS at all.
 */
@ApplicationScoped
public class NotificationChannelSetup {

    @Inject
    TenantTransactions transactions;

    @Inject
    NotificationChannels channels;

    @Inject
    StaffAuditLog audit;

    /** A channel as the organizer sees it: its medium, what it needs, and whether the shop set it up and uses it. */
    public record Offered(String id, String medium, Set<String> requiredCredentials, boolean configured, boolean active) {
    }

    public List<Offered> offered() {
        return transactions.inTransaction(() -> channels.offered().stream()
                .map(o -> new Offered(o.id(), o.medium().name(), o.requiredCredentials(), o.configured(), o.active())).toList());
    }

    /** Whether buyers of the current shop may ask for their confirmation by SMS: the shop has an SMS channel on. */
    public boolean smsOn() {
        return transactions.inTransaction(() -> channels.chosenByShop(Medium.SMS));
    }

    /**
     * Sets up a channel with the shop's credentials ({@code null}: keep those set before, to switch it on or off);
     * made active, it takes over its medium from the shop's other channel.
     */
    public void configure(StaffAuditLog.Actor actor, String channelId, Map<String, String> credentials, boolean active) {
        if (!channels.exists(channelId)) {
            throw new CatalogNotFoundException("This platform does not offer the channel '" + channelId + "'");
        }
        try {
            transactions.run(() -> {
                var before = channels.offered().stream().filter(o -> o.id().equals(channelId)).findFirst();
                channels.configure(channelId, credentials, active);
                // whether credentials are set and the channel is on, before and after; never the credentials themselves
                audit.add(actor, "notification.channel", channelId + ": " + (credentials == null ? "credentials kept" : "credentials set")
                        + (active ? ", active" : ", inactive"), new StaffAuditLog.Change("channel:" + channelId,
                        Map.of("credentials", before.map(o -> o.configured() ? "set" : "not set").orElse("not set"),
                                "active", before.map(o -> o.active()).orElse(false)),
                        Map.of("credentials", credentials == null ? before.map(o -> o.configured() ? "set" : "not set").orElse("not set")
                                : before.map(o -> o.configured() ? "set (replaced)" : "set").orElse("set"), "active", active)));
            });
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("credentials", e.getMessage());
        }
    }
}
