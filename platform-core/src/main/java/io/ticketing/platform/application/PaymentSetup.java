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

    /** A provider as the organizer sees it: what it needs, and whether the shop has set it up and uses it. */
    public record Offered(String id, Set<String> requiredCredentials, boolean configured, boolean active) {
    }

    public List<Offered> offered() {
        return transactions.inTransaction(() -> providers.offered().stream()
                .map(o -> new Offered(o.id(), o.requiredCredentials(), o.configured(), o.active())).toList());
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
                providers.configure(providerId, credentials, active);
                audit.add(actor, "payments.configure", providerId + ": credentials set" + live.map(l -> l ? " (live)" : " (test)").orElse("")
                        + (active ? ", active" : ", inactive"));
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("credentials", e.getMessage());
        }
    }
}
