package io.ticketing.identity.testsupport;

import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** People in realms, made through Keycloak's own admin client: for tests and benchmarks, not for the product. */
public final class KeycloakUsers {

    private KeycloakUsers() {
    }

    /** An admin client of the shared test Keycloak; close it. */
    public static Keycloak admin() {
        return admin(SharedKeycloak.url(), SharedKeycloak.adminUser(), SharedKeycloak.adminPassword());
    }

    public static Keycloak admin(String url, String user, String password) {
        return KeycloakBuilder.builder().serverUrl(url).realm("master").clientId("admin-cli")
                .username(user).password(password).build();
    }

    /**
     * A ready-to-use user (verified e-mail, names, a permanent password) with these realm roles,
     * unless one with this e-mail exists already. Returns the user's id either way.
     */
    public static String ensure(Keycloak admin, String realm, String email, String password, String... roles) {
        var users = admin.realm(realm).users();
        if (users.search(email, true).isEmpty()) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email);
            user.setEmail(email);
            user.setEmailVerified(true);
            user.setFirstName("Test");
            user.setLastName(email.substring(0, email.indexOf('@')));
            user.setEnabled(true);
            user.setCredentials(List.of(password(password)));
            try (var response = users.create(user)) {
                if (response.getStatus() != 201) {
                    throw new IllegalStateException("Creating " + email + " in " + realm + " failed: HTTP " + response.getStatus());
                }
            }
        }
        String id = users.search(email, true).get(0).getId();
        for (String role : roles) {
            users.get(id).roles().realmLevel().add(List.of(admin.realm(realm).roles().get(role).toRepresentation()));
        }
        return id;
    }

    /** Sets a permanent password and clears pending required actions, as if the user had finished first sign-in. */
    public static void setPassword(Keycloak admin, String realm, String userId, String password) {
        var user = admin.realm(realm).users().get(userId);
        user.resetPassword(password(password));
        UserRepresentation representation = user.toRepresentation();
        representation.setRequiredActions(List.of());
        user.update(representation);
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }
}
