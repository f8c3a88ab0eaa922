package io.ticketing.identity.admin;

import java.util.List;

/**
 * What the platform asks of Keycloak's admin API, in JDK types only: the operator WAR calls it
 * across the boundary of the isolated class loader that holds {@code keycloak-admin-client} and its
 * RESTEasy. Every call is idempotent, which onboarding retries rely on. Failures are
 * {@link RealmAdminException}s saying whether Keycloak was out of reach or refused.
 */
public interface RealmAdmin extends AutoCloseable {

    /** The user attribute that marks accounts the platform created (value {@code "platform"}). */
    String CREATED_BY = "ticketing-created-by";

    /** Whether Keycloak answers an authenticated admin call right now. */
    boolean reachable();

    boolean realmExists(String realm);

    /** Creates a realm from its JSON representation; false when it existed already. */
    boolean createRealm(String realm, String representationJson);

    void setRealmEnabled(String realm, boolean enabled);

    /** Adds a redirect URI to a client of a realm unless it has it already. */
    void ensureRedirectUri(String realm, String clientId, String redirectUri);

    /** Deletes the realm; one that is already gone is fine. */
    void deleteRealm(String realm);

    /** Opens or closes self-registration (a tenant realm opens it only once its first admin exists). */
    void setRegistrationAllowed(String realm, boolean allowed);

    /**
     * Makes sure a user with this e-mail exists with these realm roles; a new one gets
     * {@code password} (to be changed at first login when {@code temporary}, with names asked for
     * when none are given) and is marked as the platform's ({@link #CREATED_BY}, which only admins
     * can see or set). Roles are granted only to users so marked: an account someone else made with
     * that e-mail or user name is never elevated, and the call fails with a conflict
     * ({@link RealmAdminException#conflict()}). Returns true when this call created the user.
     */
    boolean ensureUser(String realm, String email, String firstName, String lastName, List<String> roles, String password,
                       boolean temporary);

    @Override
    void close();
}
