package io.ticketing.identity.admin;

import java.util.List;
import java.util.Optional;

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

    /**
     * A person of a realm as a shop's team page shows them: {@code roles} are those of the asked-for roles they
     * hold; {@code passwordSet} false while an invitation is not yet taken up.
     */
    record Member(String id, String email, String firstName, String lastName, List<String> roles, boolean enabled,
                  boolean passwordSet, boolean createdByPlatform) {
        public Member {
            roles = List.copyOf(roles);
        }
    }

    /** The people of the realm who hold any of {@code roles}, by e-mail; each with those of {@code roles} they hold. */
    List<Member> members(String realm, List<String> roles);

    /** One person by their id in the realm, with those of {@code roles} they hold; empty when the realm has no such user. */
    Optional<Member> member(String realm, String userId, List<String> roles);

    /**
     * Invites a person by e-mail with one realm role: a new account is made (marked as the platform's, no password,
     * {@code UPDATE_PASSWORD} required, plus {@code UPDATE_PROFILE} without names), given the role, and sent Keycloak's
     * own mail to set a password (execute-actions, leading back to {@code redirectUri} of {@code clientId}; following
     * its link also verifies the address). An account the platform made before is given the role, and mailed again
     * while it has no password. An account anyone else made with that address is never elevated: a conflict
     * ({@link RealmAdminException#conflict()}). When the mail cannot be sent, what this call did is undone (the role
     * taken back, an account it made deleted) and the call fails as unavailable.
     */
    Member invite(String realm, String email, String firstName, String lastName, String role, String clientId,
                  String redirectUri, int lifespanSeconds);

    /** Gives the user exactly those of {@code managed} that are in {@code wanted}; their other roles are left alone. */
    void setRoles(String realm, String userId, List<String> managed, List<String> wanted);

    /**
     * Points the realm's own mail (password resets, invitations) at this SMTP server unless it already does, sent in the
     * name {@code fromDisplayName}. True when it changed something.
     */
    boolean ensureSmtp(String realm, String host, int port, String from, String fromDisplayName, boolean starttls);

    @Override
    void close();
}
