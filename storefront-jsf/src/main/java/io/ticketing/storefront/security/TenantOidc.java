package io.ticketing.storefront.security;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.OidcClient;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One OpenID Connect client per tenant realm ({@code <keycloak>/realms/tenant-<slug>}, client
 * {@code storefront}), kept per realm so one tenant's keys never check another tenant's tokens.
 */
@ApplicationScoped
public class TenantOidc {

    public static final String CLIENT_ID = "storefront";

    @Inject
    @ConfigProperty(name = "ticketing.keycloak.url")
    Optional<String> keycloakUrl;

    @Inject
    TenantSecrets secrets;

    private final Map<String, OidcClient> clients = new ConcurrentHashMap<>();

    public boolean isConfigured() {
        return keycloakUrl.isPresent();
    }

    public OidcClient of(Tenant tenant) {
        String issuer = keycloakUrl.orElseThrow(() -> new IllegalStateException("ticketing.keycloak.url is not set"))
                .replaceAll("/+$", "") + "/realms/" + TenantRealmTemplate.realmName(tenant.slug().value());
        return clients.computeIfAbsent(issuer, i -> new OidcClient(i, CLIENT_ID, () -> secrets.storefrontClientSecret(tenant)));
    }
}
