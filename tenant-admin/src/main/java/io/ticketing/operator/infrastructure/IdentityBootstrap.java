package io.ticketing.operator.infrastructure;

import io.ticketing.identity.RealmTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up: makes sure the operators' realm {@code platform} exists, and the bootstrap operator
 * when one is configured. Keycloak being away does not stop the node from starting; the operator
 * API answers 503 until it is back, and the next start finishes this.
 */
@ApplicationScoped
public class IdentityBootstrap {

    public static final String OPERATOR_REALM = "platform";
    public static final String OPERATOR_ROLE = "operator";
    private static final Logger LOG = Logger.getLogger(IdentityBootstrap.class.getName());

    @Inject
    KeycloakGateway keycloak;
    @Inject
    IdentitySettings settings;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!keycloak.isConfigured()) {
            LOG.warning("ticketing.keycloak.url is not set: the operator API refuses every call until it is");
            return;
        }
        try {
            ensureOperatorRealm();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not prepare the operator realm now; the next start retries: {0}", e.getMessage());
        }
    }

    void ensureOperatorRealm() {
        String secret = settings.operatorConsoleSecret().orElseThrow(() ->
                new IllegalStateException("ticketing.keycloak.operator-console-secret is required with Keycloak"));
        String json = RealmTemplates.render(RealmTemplates.PLATFORM,
                Map.of("passwordPolicy", settings.passwordPolicy(), "consoleSecret", secret),
                Map.of("redirectUris", RealmTemplates.jsonArray(List.of(settings.platformBaseUrl() + "/operator/*")),
                        "directAccessGrants", Boolean.toString(settings.directGrants())));
        if (keycloak.ensureRealm(OPERATOR_REALM, json)) {
            LOG.info("Created the operator realm '" + OPERATOR_REALM + "'");
        }
        // The realm may predate this node's address (another node, a moved platform): keep it signing in here.
        keycloak.ensureRedirectUri(OPERATOR_REALM, OperatorOidc.CLIENT_ID, settings.platformBaseUrl() + "/operator/*");
        if (settings.bootstrapOperatorEmail().isPresent() && settings.bootstrapOperatorPassword().isPresent()) {
            keycloak.ensureUser(OPERATOR_REALM,
                    new KeycloakGateway.NewUser(settings.bootstrapOperatorEmail().get(), "Platform", "Operator"),
                    List.of(OPERATOR_ROLE), settings.bootstrapOperatorPassword().get(), false);
        }
    }
}
