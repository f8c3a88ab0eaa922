package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How an organizer sets up the shop's payment providers: which this platform offers, and the shop's credentials for one. */
@ApplicationScoped
public class PaymentSetup {

    @Inject
    TenantTransactions transactions;

    @Inject
    PaymentProviders providers;

    @Inject
    CheckoutSettings settings;

    @Inject
    StaffAuditLog audit;

    /**
     * A provider as the organizer sees it: what it needs, whether the shop has set it up and uses it, and whether the
     * credentials stored are live or test ones ({@code "live"}, {@code "test"}, or null when none are stored or the
     * provider cannot tell). Never a credential.
     */
    public record Offered(String id, Set<String> requiredCredentials, boolean configured, boolean active, String mode) {
    }

    public List<Offered> offered() {
        return transactions.inTransaction(() -> providers.offered().stream()
                .map(o -> new Offered(o.id(), o.requiredCredentials(), o.configured(), o.active(),
                        o.configured() ? mode(providers.storedLiveMode(o.id())) : null)).toList());
    }

    private static String mode(Optional<Boolean> live) {
        return live.map(l -> l ? "live" : "test").orElse(null);
    }

    /** Switches a provider the shop has set up on or off, its credentials kept; audited. */
    public void activate(StaffAuditLog.Actor actor, String providerId, boolean active) {
        if (!providers.exists(providerId)) {
            throw new CatalogNotFoundException("This platform does not offer payments through '" + providerId + "'");
        }
        transactions.run(() -> {
            Boolean was = providers.offered().stream().filter(o -> o.id().equals(providerId)).findFirst()
                    .map(PaymentProviders.Offered::active).orElse(false);
            if (!providers.setActive(providerId, active)) {
                throw new InvalidFieldException("credentials", "Enter the " + providerId + " credentials first");
            }
            audit.add(actor, active ? "payments.activate" : "payments.deactivate", providerId,
                    new StaffAuditLog.Change("payment:" + providerId, Map.of("active", was), Map.of("active", active)));
        });
    }

    /**
     * Checks the credentials with the provider's own rules and against the shop's mode (a live shop
     * takes no test keys, a shop in test mode no live ones), stores them sealed with the shop's
     * key, and audits who did it (never the credentials themselves).
     */
    public void configure(StaffAuditLog.Actor actor, String providerId, Map<String, String> credentials, boolean active) {
        if (!providers.exists(providerId)) {
            throw new CatalogNotFoundException("This platform does not offer payments through '" + providerId + "'");
        }
        try {
            transactions.run(() -> {
                Optional<Boolean> live = providers.liveMode(providerId, credentials);
                boolean testShop = settings.testMode();
                if (live.isPresent() && live.get() == testShop) {
                    throw new InvalidFieldException("credentials", testShop
                            ? "These are live " + providerId + " credentials, and this shop is in test mode: use test credentials, or switch test mode off first"
                            : "These are " + providerId + " test credentials, and this shop sells for real: use live credentials, or switch the shop to test mode first");
                }
                Optional<PaymentProviders.Offered> before = providers.offered().stream().filter(o -> o.id().equals(providerId)).findFirst();
                Map<String, Object> was = new java.util.HashMap<>();
                was.put("credentials", before.map(o -> o.configured() ? "set (replaced)" : "not set").orElse("not set"));
                was.put("active", before.map(PaymentProviders.Offered::active).orElse(false));
                was.put("mode", before.filter(PaymentProviders.Offered::configured).map(o -> mode(providers.storedLiveMode(providerId))).orElse(null));
                providers.configure(providerId, credentials, active);
                Map<String, Object> is = new java.util.HashMap<>();
                is.put("credentials", "set");
                is.put("active", active);
                is.put("mode", mode(live));
                // the credentials' names may be told, never their values
                audit.add(actor, "payments.configure", providerId + ": credentials set (" + String.join(", ", new java.util.TreeSet<>(credentials.keySet()))
                        + ")" + live.map(l -> l ? " (live)" : " (test)").orElse("") + (active ? ", active" : ", inactive"),
                        new StaffAuditLog.Change("payment:" + providerId, was, is));
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("credentials", e.getMessage());
        }
    }
}
