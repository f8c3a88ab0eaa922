package io.ticketing.operator.infrastructure;

import io.ticketing.platform.infrastructure.security.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The operators' realm {@code platform} as seen by its client {@code operator-console}: console sign-in and API tokens. */
@ApplicationScoped
public class OperatorOidc {

    public static final String CLIENT_ID = "operator-console";

    @Inject
    KeycloakGateway keycloak;
    @Inject
    IdentitySettings settings;

    private volatile OidcClient client;

    public boolean isConfigured() {
        return keycloak.isConfigured();
    }

    public OidcClient client() {
        OidcClient current = client;
        if (current == null) {
            client = current = new OidcClient(keycloak.baseUrl() + "/realms/" + IdentityBootstrap.OPERATOR_REALM, CLIENT_ID,
                    () -> settings.operatorConsoleSecret().orElseThrow(() ->
                            new IllegalStateException("ticketing.keycloak.operator-console-secret is not set")));
        }
        return current;
    }
}
