package io.ticketing.platform.infrastructure.identity;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.admin.KeycloakAdminLoader;
import io.ticketing.identity.admin.RealmAdmin;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's one connection to Keycloak's admin API, for both WARs (the operator's onboarding and the shop's
 * team page), and the mail server realms send their own mail through.
 *
 * <p>Configuration: {@code ticketing.keycloak.url} (where tokens are issued; the admin API may sit at another,
 * internal address: {@code ticketing.keycloak.admin-url}) plus an admin user ({@code ticketing.keycloak.admin-user}/
 * {@code -password}, development) or a service-account client ({@code ticketing.keycloak.admin-client-id}/
 * {@code -client-secret}, production) of realm {@code ticketing.keycloak.admin-realm} (default {@code master});
 * realm mail: {@code ticketing.mail.smtp.host}, {@code .port}, {@code .starttls}, {@code ticketing.mail.from}.
 */
@ApplicationScoped
public class KeycloakAdminConnection {

    @Inject
    @ConfigProperty(name = "ticketing.keycloak.url")
    Optional<String> url;
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.admin-url")
    Optional<String> adminUrl;
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.admin-realm", defaultValue = "master")
    String adminRealm;
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.admin-client-id", defaultValue = "admin-cli")
    String clientId;
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.admin-client-secret")
    Optional<String> clientSecret;
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.admin-user")
    Optional<String> adminUser;
    @Inject
    @ConfigProperty(name = "ticketing.keycloak.admin-password")
    Optional<String> adminPassword;
    @Inject
    @ConfigProperty(name = "ticketing.mail.smtp.host")
    Optional<String> smtpHost;
    @Inject
    @ConfigProperty(name = "ticketing.mail.smtp.port", defaultValue = "25")
    int smtpPort;
    @Inject
    @ConfigProperty(name = "ticketing.mail.smtp.starttls", defaultValue = "false")
    boolean smtpStarttls;
    @Inject
    @ConfigProperty(name = "ticketing.mail.from", defaultValue = "tickets@localhost")
    String mailFrom;

    private volatile RealmAdmin admin;

    /** Where tokens are issued ({@code ticketing.keycloak.url}, no trailing slash), when configured. */
    public Optional<String> issuerBase() {
        return url.map(u -> u.replaceAll("/+$", ""));
    }

    /** Where realms send their own mail (invitations, password resets), when an SMTP host is configured. */
    public Optional<TenantRealmTemplate.Smtp> realmSmtp() {
        return smtpHost.filter(h -> !h.isBlank()).map(host -> new TenantRealmTemplate.Smtp(host, smtpPort, mailFrom, smtpStarttls));
    }

    /**
     * The admin client, made on first use (a node starts without waiting for Keycloak); empty when neither
     * {@code ticketing.keycloak.admin-url} nor {@code ticketing.keycloak.url} is set.
     */
    public Optional<RealmAdmin> admin() {
        RealmAdmin current = admin;
        if (current == null) {
            Optional<String> server = adminUrl.map(u -> u.replaceAll("/+$", "")).or(this::issuerBase);
            if (server.isEmpty()) {
                return Optional.empty();
            }
            synchronized (this) {
                if (admin == null) {
                    admin = KeycloakAdminLoader.load(server.get(), adminRealm, clientId, clientSecret.orElse(null),
                            adminUser.orElse("admin"), adminPassword.orElse(""));
                }
                current = admin;
            }
        }
        return Optional.of(current);
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
