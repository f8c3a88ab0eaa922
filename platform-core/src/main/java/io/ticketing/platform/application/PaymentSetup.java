package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How an organizer sets up the shop's payment providers: which this platform offers, and the shop's credentials for one. */
@ApplicationScoped
public class PaymentSetup {

    @Inject
    TenantTransactions transactions;

    @Inject
    PaymentProviders providers;

    /** A provider as the organizer sees it: what it needs, and whether the shop has set it up and uses it. */
    public record Offered(String id, Set<String> requiredCredentials, boolean configured, boolean active) {
    }

    public List<Offered> offered() {
        return transactions.inTransaction(() -> providers.offered().stream()
                .map(o -> new Offered(o.id(), o.requiredCredentials(), o.configured(), o.active())).toList());
    }

    /** Checks the credentials with the provider's own rules, then stores them sealed with the shop's key. */
    public void configure(String providerId, Map<String, String> credentials, boolean active) {
        if (!providers.exists(providerId)) {
            throw new CatalogNotFoundException("This platform does not offer payments through '" + providerId + "'");
        }
        try {
            transactions.run(() -> providers.configure(providerId, credentials, active));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("credentials", e.getMessage());
        }
    }
}
