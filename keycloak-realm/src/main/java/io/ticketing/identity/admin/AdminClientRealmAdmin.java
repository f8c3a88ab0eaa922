package io.ticketing.identity.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * {@link RealmAdmin} on the design card's {@code keycloak-admin-client}. Loaded only by the operator
 * WAR's isolated class loader (with RESTEasy, Jackson and their Jakarta APIs), so Payara's Jersey
 * never sees them; short timeouts, so an unreachable Keycloak answers in seconds.
 */
public final class AdminClientRealmAdmin implements RealmAdmin {

    private static final String CREATED_BY_PLATFORM = "platform";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Keycloak keycloak;
    private final String adminRealm;

    /** With {@code clientSecret}, a service account (client credentials); otherwise an admin user's password. */
    public AdminClientRealmAdmin(String serverUrl, String adminRealm, String clientId, String clientSecret, String username,
                                 String password) {
        Client client = ResteasyClientClassicProvider.createClientBuilder().register(JacksonProvider.class, 100)
                .connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS).connectionPoolSize(8).build();
        KeycloakBuilder builder = KeycloakBuilder.builder().serverUrl(serverUrl).realm(adminRealm).clientId(clientId)
                .resteasyClient(client);
        builder = clientSecret != null
                ? builder.grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientSecret(clientSecret)
                : builder.grantType(OAuth2Constants.PASSWORD).username(username).password(password);
        this.keycloak = builder.build();
        this.adminRealm = adminRealm;
    }

    @Override
    public boolean reachable() {
        try {
            return call("read realm " + adminRealm, () -> keycloak.realm(adminRealm).toRepresentation()) != null;
        } catch (RealmAdminException e) {
            return false;
        }
    }

    @Override
    public boolean realmExists(String realm) {
        return call("read realm " + realm, () -> {
            try {
                keycloak.realm(realm).toRepresentation();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public boolean createRealm(String realm, String representationJson) {
        if (realmExists(realm)) {
            return false;
        }
        return call("create realm " + realm, () -> {
            try {
                keycloak.realms().create(JSON.readValue(representationJson, RealmRepresentation.class));
                return true;
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() == 409) {
                    return false; // another node made it a moment ago
                }
                throw e;
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("The realm template is not a realm representation: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void setRealmEnabled(String realm, boolean enabled) {
        call("update realm " + realm, () -> {
            RealmRepresentation change = new RealmRepresentation();
            change.setRealm(realm);
            change.setEnabled(enabled);
            keycloak.realm(realm).update(change);
            return null;
        });
    }

    @Override
    public void ensureRedirectUri(String realm, String clientId, String redirectUri) {
        call("update client " + clientId + " of " + realm, () -> {
            List<ClientRepresentation> clients = keycloak.realm(realm).clients().findByClientId(clientId);
            if (clients.isEmpty()) {
                throw new IllegalStateException("Realm " + realm + " has no client " + clientId);
            }
            ClientRepresentation client = clients.get(0);
            List<String> uris = client.getRedirectUris() == null ? new ArrayList<>() : new ArrayList<>(client.getRedirectUris());
            if (!uris.contains(redirectUri)) {
                uris.add(redirectUri);
                client.setRedirectUris(uris);
                keycloak.realm(realm).clients().get(client.getId()).update(client);
            }
            return null;
        });
    }

    @Override
    public void deleteRealm(String realm) {
        call("delete realm " + realm, () -> {
            try {
                keycloak.realm(realm).remove();
            } catch (NotFoundException alreadyGone) {
                // idempotent: a retry after a failure finishes the job
            }
            return null;
        });
    }

    @Override
    public void setRegistrationAllowed(String realm, boolean allowed) {
        call("update realm " + realm, () -> {
            RealmRepresentation change = new RealmRepresentation();
            change.setRealm(realm);
            change.setRegistrationAllowed(allowed);
            keycloak.realm(realm).update(change);
            return null;
        });
    }

    @Override
    public boolean ensureUser(String realm, String email, String firstName, String lastName, List<String> roles, String password,
                              boolean temporary) {
        return call("set up user " + email + " in " + realm, () -> {
            RealmResource r = keycloak.realm(realm);
            declareCreatedBy(r);
            boolean created = sameAccounts(r, email).isEmpty();
            if (created) {
                try (Response answer = r.users().create(newUser(email, firstName, lastName, password, temporary))) {
                    if (answer.getStatus() != 201 && answer.getStatus() != 409) {
                        throw new WebApplicationException(answer.getStatus());
                    }
                    created = answer.getStatus() == 201;
                }
            }
            List<UserRepresentation> accounts = sameAccounts(r, email);
            if (accounts.isEmpty()) {
                throw new IllegalStateException("User " + email + " missing in " + realm + " after creation");
            }
            for (UserRepresentation account : accounts) {
                if (!createdByPlatform(r.users().get(account.getId()).toRepresentation())) {
                    throw RealmAdminException.conflict("An account '" + account.getUsername() + "' with e-mail or user name "
                            + email + " already exists in " + realm + " and was not created by the platform; it is not given"
                            + " any role. Use another e-mail address, or have that account removed first");
                }
            }
            List<RoleRepresentation> granted = new ArrayList<>();
            for (String role : roles) {
                granted.add(r.roles().get(role).toRepresentation());
            }
            r.users().get(accounts.get(0).getId()).roles().realmLevel().add(granted);
            return created;
        });
    }

    /** Every account whose e-mail or user name is this address. */
    private static List<UserRepresentation> sameAccounts(RealmResource r, String email) {
        Map<String, UserRepresentation> byId = new LinkedHashMap<>();
        r.users().searchByEmail(email, true).forEach(u -> byId.put(u.getId(), u));
        r.users().searchByUsername(email, true).forEach(u -> byId.put(u.getId(), u));
        return new ArrayList<>(byId.values());
    }

    private static boolean createdByPlatform(UserRepresentation user) {
        return user.getAttributes() != null && List.of(CREATED_BY_PLATFORM).equals(user.getAttributes().get(CREATED_BY));
    }

    /**
     * The mark is a declared attribute of the realm's user profile that only admins may view or edit,
     * so nobody can set it on their own account (registration or account console).
     */
    private static void declareCreatedBy(RealmResource r) {
        UPConfig profile = r.users().userProfile().getConfiguration();
        UPAttribute declared = profile.getAttribute(CREATED_BY);
        UPAttributePermissions adminOnly = new UPAttributePermissions(Set.of("admin"), Set.of("admin"));
        if (declared == null || declared.getPermissions() == null || !adminOnly.getView().equals(declared.getPermissions().getView())
                || !adminOnly.getEdit().equals(declared.getPermissions().getEdit())) {
            UPAttribute attribute = new UPAttribute(CREATED_BY, adminOnly);
            attribute.setDisplayName("Created by");
            profile.addOrReplaceAttribute(attribute);
            r.users().userProfile().update(profile);
        }
    }

    /** A new user; without names, placeholders are set and asked for at first login (Keycloak's profile requires them). */
    private static UserRepresentation newUser(String email, String firstName, String lastName, String password, boolean temporary) {
        boolean named = firstName != null && !firstName.isBlank() && lastName != null && !lastName.isBlank();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setAttributes(Map.of(CREATED_BY, List.of(CREATED_BY_PLATFORM)));
        user.setFirstName(named ? firstName : "Organizer");
        user.setLastName(named ? lastName : "Administrator");
        List<String> actions = new ArrayList<>();
        if (temporary) {
            actions.add("UPDATE_PASSWORD");
            if (!named) {
                actions.add("UPDATE_PROFILE");
            }
        }
        user.setRequiredActions(actions);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(temporary);
        user.setCredentials(List.of(credential));
        return user;
    }

    /** Runs an admin call; out of reach or failing (5xx) becomes an unavailable {@link RealmAdminException}, a refusal a plain one. */
    private static <T> T call(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (ProcessingException e) {
            throw new RealmAdminException(true, "Keycloak is not reachable (" + what + "): " + e.getMessage(), null);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            // 401: Keycloak refused the platform's own admin credentials, which no retry of the caller mends
            boolean unavailable = status >= 500 || status == 401;
            throw new RealmAdminException(unavailable, "Keycloak " + (unavailable ? "failed" : "refused") + " to " + what
                    + " (HTTP " + status + ")", null);
        }
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
