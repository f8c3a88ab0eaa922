package io.ticketing.platform.infrastructure.identity;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.admin.RealmAdmin;
import io.ticketing.identity.admin.RealmAdminException;
import io.ticketing.platform.application.IdentityServiceDownException;
import io.ticketing.platform.application.TeamAdministration;
import io.ticketing.platform.application.TeamConflictException;
import io.ticketing.platform.application.TeamDirectory;
import io.ticketing.platform.domain.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A shop's team in the shop's Keycloak realm ({@code tenant-<slug>}), through {@link RealmAdmin} on
 * {@code keycloak-admin-client} (loaded apart from Payara's Jersey by {@link KeycloakAdminLoader}). Before an
 * invitation the realm's own mail is pointed at the platform's mail server ({@code ticketing.mail.smtp.*}), so
 * realms made before that setting existed send it too. The connection and its settings are the operator's:
 * {@link KeycloakAdminConnection}.
 */
@ApplicationScoped
public class KeycloakTeamDirectory implements TeamDirectory {

    /** The client an invitation leads back to, and how long its link works. */
    static final String CLIENT_ID = "storefront";
    static final int LINK_LIFESPAN_SECONDS = 3 * 24 * 3600;
    private static final Logger LOG = Logger.getLogger(KeycloakTeamDirectory.class.getName());

    @Inject
    KeycloakAdminConnection keycloak;

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
            keycloak.realmSmtp().ifPresent(smtp -> {
                if (admin().ensureSmtp(realm(tenant), smtp.host(), smtp.port(), smtp.from(), tenant.displayName(), smtp.starttls())) {
                    LOG.info("The realm of " + tenant.slug() + " now sends its mail through " + smtp.host() + ":" + smtp.port());
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

    private RealmAdmin admin() {
        return keycloak.admin().orElseThrow(() -> new IdentityServiceDownException("This platform has no sign-in service"
                + " configured (ticketing.keycloak.url), so its teams cannot be changed here", null));
    }
}
