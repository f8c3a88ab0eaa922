package io.ticketing.platform.infrastructure.identity;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.admin.KeycloakAdminLoader;
import io.ticketing.identity.admin.RealmAdmin;
import io.ticketing.identity.admin.RealmAdminException;
import io.ticketing.platform.application.IdentityServiceDownException;
import io.ticketing.platform.application.TeamAdministration;
import io.ticketing.platform.application.TeamConflictException;
import io.ticketing.platform.application.TeamDirectory;
import io.ticketing.platform.domain.tenant.Tenant;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A shop's team in the shop's Keycloak realm ({@code tenant-<slug>}), through {@link RealmAdmin} on
 * {@code keycloak-admin-client} (loaded apart from Payara's Jersey by {@link KeycloakAdminLoader}). Before an
 * invitation the realm's own mail is pointed at the platform's mail server ({@code ticketing.mail.smtp.*}), so
 * realms made before that setting existed send it too. Settings as the operator WAR's: {@code ticketing.keycloak.url}
 * (or {@code .admin-url}), {@code .admin-realm}, {@code .admin-client-id}/{@code -secret} or {@code .admin-user}/{@code
 * -password}.
 */
@ApplicationScoped
public class KeycloakTeamDirectory implements TeamDirectory {

    /** The client an invitation leads back to, and how long its link works. */
    static final String CLIENT_ID = "storefront";
    static final int LINK_LIFESPAN_SECONDS = 3 * 24 * 3600;
    private static final Logger LOG = Logger.getLogger(KeycloakTeamDirectory.class.getName());

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

    @Override
    public List<Person> members(Tenant tenant) {
        return call(() -> admin().members(realm(tenant), TeamAdministration.ROLES).stream().map(KeycloakTeamDirectory::person).toList());
    }

    @Override
    public Optional<Person> member(Tenant tenant, String id) {
        return call(() -> admin().member(realm(tenant), id, TeamAdministration.ROLES).map(KeycloakTeamDirectory::person));
    }

    @Override
    public Person invite(Tenant tenant, String email, String firstName, String lastName, String role, String returnTo) {
        return call(() -> {
            smtpHost.filter(h -> !h.isBlank()).ifPresent(host -> {
                if (admin().ensureSmtp(realm(tenant), host, smtpPort, mailFrom, tenant.displayName(), smtpStarttls)) {
                    LOG.info("The realm of " + tenant.slug() + " now sends its mail through " + host + ":" + smtpPort);
                }
            });
            return person(admin().invite(realm(tenant), email, firstName, lastName, role, CLIENT_ID, returnTo, LINK_LIFESPAN_SECONDS));
        });
    }

    @Override
    public void setRoles(Tenant tenant, String id, List<String> roles) {
        call(() -> {
            admin().setRoles(realm(tenant), id, TeamAdministration.ROLES, roles);
            return null;
        });
    }

    private static Person person(RealmAdmin.Member m) {
        return new Person(m.id(), m.email(), m.firstName(), m.lastName(), m.roles(), m.enabled(), m.passwordSet());
    }

    private static String realm(Tenant tenant) {
        return TenantRealmTemplate.realmName(tenant.slug().value());
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (RealmAdminException e) {
            if (e.unavailable()) {
                LOG.warning(e.getMessage());
                throw new IdentityServiceDownException("The shop's sign-in service cannot be reached right now; nothing was"
                        + " changed. Please try again in a minute.", e);
            }
            if (e.conflict()) {
                throw new TeamConflictException("email", TeamConflictException.NOT_OURS, e.getMessage());
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The admin client, made on first use (the node starts without waiting for Keycloak). */
    private RealmAdmin admin() {
        RealmAdmin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    String server = adminUrl.or(() -> url).map(u -> u.replaceAll("/+$", ""))
                            .orElseThrow(() -> new IdentityServiceDownException("This platform has no sign-in service configured"
                                    + " (ticketing.keycloak.url), so its teams cannot be changed here", null));
                    admin = KeycloakAdminLoader.load(server, adminRealm, clientId, clientSecret.orElse(null),
                            adminUser.orElse("admin"), adminPassword.orElse(""));
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
