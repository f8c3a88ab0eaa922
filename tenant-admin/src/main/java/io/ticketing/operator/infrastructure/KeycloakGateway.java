package io.ticketing.operator.infrastructure;

import io.ticketing.platform.infrastructure.identity.KeycloakAdminConnection;
import io.ticketing.identity.admin.RealmAdmin;
import io.ticketing.identity.admin.RealmAdminException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place that talks to Keycloak's admin API, on the design card's {@code keycloak-admin-client}
 * (loaded apart from Payara's Jersey by {@link KeycloakAdminLoader}). Every call is idempotent, so a
 * retried onboarding step finishes the work instead of failing on what the first try already did.
 * Keycloak out of reach, or failing, is an {@link IdentityUnavailableException} (a 503 that is safe
 * to retry); a refusal is an {@link IllegalStateException} naming the call.
 *
 * <p>The connection and its configuration are shared with the shop's team page: {@link KeycloakAdminConnection}.
 */
@ApplicationScoped
public class KeycloakGateway {

    @Inject
    KeycloakAdminConnection keycloak;

    public boolean isConfigured() {
        return keycloak.issuerBase().isPresent();
    }

    /** Where tokens are issued: realms' issuers are {@code baseUrl()/realms/<name>}. */
    public String baseUrl() {
        return keycloak.issuerBase().orElseThrow(() -> new IllegalStateException("ticketing.keycloak.url is not set"));
    }

    /** Whether Keycloak answers an authenticated admin call right now. */
    public boolean isReachable() {
        return admin().reachable();
    }

    public boolean realmExists(String realm) {
        return call(() -> admin().realmExists(realm));
    }

    /** Creates the realm from its representation unless it exists; true when this call created it. */
    public boolean ensureRealm(String realm, String representation) {
        return call(() -> admin().createRealm(realm, representation));
    }

    public void setRealmEnabled(String realm, boolean enabled) {
        call(() -> {
            admin().setRealmEnabled(realm, enabled);
            return null;
        });
    }

    /** Adds a redirect URI to a client of a realm unless it has it already. */
    public void ensureRedirectUri(String realm, String clientId, String redirectUri) {
        call(() -> {
            admin().ensureRedirectUri(realm, clientId, redirectUri);
            return null;
        });
    }

    /** Deletes the realm; a realm that is already gone is fine. */
    public void deleteRealm(String realm) {
        call(() -> {
            admin().deleteRealm(realm);
            return null;
        });
    }

    /** A person to create in a realm; without names, placeholders are set and asked for at first login. */
    public record NewUser(String email, String firstName, String lastName) {
    }

    /** Opens or closes a realm's self-registration. */
    public void setRegistrationAllowed(String realm, boolean allowed) {
        call(() -> {
            admin().setRegistrationAllowed(realm, allowed);
            return null;
        });
    }

    /**
     * Makes sure a user with this e-mail exists in the realm with these realm roles. A new user gets
     * {@code password}; when {@code temporary}, it must be changed at first login (and unnamed users
     * must give their names: Keycloak's user profile requires them). An existing user the platform
     * created keeps theirs; an account anyone else made with that address is never given the roles:
     * {@link IdentityConflictException}.
     *
     * @return true when this call created the user
     */
    public boolean ensureUser(String realm, NewUser person, List<String> roles, String password, boolean temporary) {
        return call(() -> admin().ensureUser(realm, person.email(), person.firstName(), person.lastName(), roles, password,
                temporary));
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (RealmAdminException e) {
            if (e.unavailable()) {
                throw new IdentityUnavailableException(e.getMessage(), null);
            }
            if (e.conflict()) {
                throw new IdentityConflictException(e.getMessage());
            }
            throw new IllegalStateException(e.getMessage());
        }
    }

    private RealmAdmin admin() {
        return keycloak.admin().orElseThrow(() -> new IllegalStateException("ticketing.keycloak.url is not set"));
    }
}
