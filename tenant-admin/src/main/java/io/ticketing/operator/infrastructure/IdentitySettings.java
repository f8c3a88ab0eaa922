package io.ticketing.operator.infrastructure;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.platform.infrastructure.identity.KeycloakAdminConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How realms are made here: where the platform is served, and the development switches. */
@ApplicationScoped
public class IdentitySettings {

    @Inject
    @ConfigProperty(name = "ticketing.platform.base-url", defaultValue = "http://localhost:8080")
    String platformBaseUrl;

    /** Password grants for the storefront and operator clients: tests and development only. */
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.direct-grants", defaultValue = "false")
    boolean directGrants;

    @Inject
    @ConfigProperty(name = "ticketing.keycloak.password-policy",
            defaultValue = "length(10) and notUsername and notEmail and maxLength(128)")
    String passwordPolicy;

    @Inject
    @ConfigProperty(name = "ticketing.keycloak.operator-console-secret")
    Optional<String> operatorConsoleSecret;

    @Inject
    @ConfigProperty(name = "ticketing.operator.bootstrap-email")
    Optional<String> bootstrapOperatorEmail;

    @Inject
    @ConfigProperty(name = "ticketing.operator.bootstrap-password")
    Optional<String> bootstrapOperatorPassword;

    @Inject
    KeycloakAdminConnection keycloak;

    /** Where tenant realms send their own mail (password resets), when an SMTP host is configured. */
    public Optional<TenantRealmTemplate.Smtp> smtp() {
        return keycloak.realmSmtp();
    }

    public String platformBaseUrl() {
        return platformBaseUrl.replaceAll("/+$", "");
    }

    public boolean directGrants() {
        return directGrants;
    }

    public String passwordPolicy() {
        return passwordPolicy;
    }

    public Optional<String> operatorConsoleSecret() {
        return operatorConsoleSecret;
    }

    public Optional<String> bootstrapOperatorEmail() {
        return bootstrapOperatorEmail;
    }

    public Optional<String> bootstrapOperatorPassword() {
        return bootstrapOperatorPassword;
    }
}
