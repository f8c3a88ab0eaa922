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
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
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

    @Override
    public List<Member> members(String realm, List<String> roles) {
        return call("list the team of " + realm, () -> {
            RealmResource r = keycloak.realm(realm);
            Map<String, UserRepresentation> users = new HashMap<>();
            Map<String, List<String>> held = new HashMap<>();
            for (String role : roles) {
                for (UserRepresentation user : r.roles().get(role).getUserMembers(0, 1000)) {
                    users.putIfAbsent(user.getId(), user);
                    held.computeIfAbsent(user.getId(), id -> new ArrayList<>()).add(role);
                }
            }
            List<Member> members = new ArrayList<>();
            for (UserRepresentation user : users.values()) {
                members.add(member(r, user, held.get(user.getId())));
            }
            members.sort(Comparator.comparing(m -> String.valueOf(m.email()).toLowerCase(Locale.ROOT)));
            return members;
        });
    }

    @Override
    public Optional<Member> member(String realm, String userId, List<String> roles) {
        return call("read a user of " + realm, () -> {
            RealmResource r = keycloak.realm(realm);
            try {
                UserResource user = r.users().get(userId);
                UserRepresentation representation = user.toRepresentation();
                List<String> held = user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName)
                        .filter(roles::contains).toList();
                return Optional.of(member(r, representation, held));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static Member member(RealmResource r, UserRepresentation user, List<String> roles) {
        boolean passwordSet = r.users().get(user.getId()).credentials().stream()
                .anyMatch(c -> CredentialRepresentation.PASSWORD.equals(c.getType()));
        List<String> sorted = new ArrayList<>(roles);
        sorted.sort(null);
        return new Member(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(), sorted,
                !Boolean.FALSE.equals(user.isEnabled()), passwordSet, createdByPlatform(user));
    }

    @Override
    public Member invite(String realm, String email, String firstName, String lastName, String role, String clientId,
                         String redirectUri, int lifespanSeconds) {
        return call("invite " + email + " to " + realm, () -> {
            RealmResource r = keycloak.realm(realm);
            declareCreatedBy(r);
            RoleRepresentation granted = r.roles().get(role).toRepresentation();
            boolean created = false;
            if (sameAccounts(r, email).isEmpty()) {
                try (Response answer = r.users().create(invited(email, firstName, lastName))) {
                    if (answer.getStatus() != 201 && answer.getStatus() != 409) {
                        throw new WebApplicationException(answer.getStatus());
                    }
                    created = answer.getStatus() == 201;
                }
            }
            List<UserRepresentation> accounts = sameAccounts(r, email);
            if (accounts.size() != 1 || !createdByPlatform(r.users().get(accounts.get(0).getId()).toRepresentation())) {
                throw RealmAdminException.conflict("An account with the e-mail address or user name " + email + " already exists in "
                        + realm + " and was not made by the platform (a customer who registered, for instance); it is not"
                        + " given any role. Invite another address, or have that account removed first");
            }
            String id = accounts.get(0).getId();
            UserResource user = r.users().get(id);
            boolean hadRole = user.roles().realmLevel().listAll().stream().anyMatch(h -> role.equals(h.getName()));
            if (!hadRole) {
                user.roles().realmLevel().add(List.of(granted));
            }
            Member member = member(r, user.toRepresentation(), List.of(role));
            if (!member.passwordSet()) {
                List<String> actions = new ArrayList<>(List.of("UPDATE_PASSWORD"));
                UserRepresentation current = user.toRepresentation();
                if (blank(current.getFirstName()) || blank(current.getLastName())) {
                    actions.add("UPDATE_PROFILE");
                }
                try {
                    user.executeActionsEmail(clientId, redirectUri, lifespanSeconds, actions);
                } catch (WebApplicationException | ProcessingException mailFailed) {
                    // nothing half done: no role and no account without the mail that lets the person in
                    undo(r, user, granted, hadRole, created);
                    throw new RealmAdminException(true, "Keycloak could not send the invitation to " + email
                            + " (is the realm's mail server reachable?): " + mailFailed.getMessage(), null);
                }
            }
            return member;
        });
    }

    private static void undo(RealmResource r, UserResource user, RoleRepresentation granted, boolean hadRole, boolean created) {
        try {
            if (created) {
                user.remove();
            } else if (!hadRole) {
                user.roles().realmLevel().remove(List.of(granted));
            }
        } catch (RuntimeException e) {
            throw new RealmAdminException(true, "Keycloak failed while an invitation was undone: " + e.getMessage(), e);
        }
    }

    /** An invited person: the platform's, no password yet, e-mail verified by the invitation's link. */
    private static UserRepresentation invited(String email, String firstName, String lastName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(false);
        user.setEnabled(true);
        user.setAttributes(Map.of(CREATED_BY, List.of(CREATED_BY_PLATFORM)));
        if (!blank(firstName)) {
            user.setFirstName(firstName.strip());
        }
        if (!blank(lastName)) {
            user.setLastName(lastName.strip());
        }
        return user;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    @Override
    public void setRoles(String realm, String userId, List<String> managed, List<String> wanted) {
        call("change the roles of a user of " + realm, () -> {
            RealmResource r = keycloak.realm(realm);
            UserResource user = r.users().get(userId);
            List<String> held = user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).toList();
            List<RoleRepresentation> add = new ArrayList<>();
            List<RoleRepresentation> remove = new ArrayList<>();
            for (String role : managed) {
                if (wanted.contains(role) && !held.contains(role)) {
                    add.add(r.roles().get(role).toRepresentation());
                } else if (!wanted.contains(role) && held.contains(role)) {
                    remove.add(r.roles().get(role).toRepresentation());
                }
            }
            // the new role first: a failure between the two calls leaves the person with both, never locked out
            if (!add.isEmpty()) {
                user.roles().realmLevel().add(add);
            }
            if (!remove.isEmpty()) {
                user.roles().realmLevel().remove(remove);
            }
            return null;
        });
    }

    @Override
    public boolean ensureSmtp(String realm, String host, int port, String from, String fromDisplayName, boolean starttls) {
        return call("set the mail server of " + realm, () -> {
            RealmResource r = keycloak.realm(realm);
            Map<String, String> wanted = new TreeMap<>(Map.of("host", host, "port", Integer.toString(port), "from", from,
                    "starttls", Boolean.toString(starttls), "auth", "false"));
            if (fromDisplayName != null) {
                wanted.put("fromDisplayName", fromDisplayName);
            }
            Map<String, String> current = r.toRepresentation().getSmtpServer();
            if (current != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())))) {
                return false;
            }
            RealmRepresentation change = new RealmRepresentation();
            change.setRealm(realm);
            change.setSmtpServer(new HashMap<>(wanted));
            r.update(change);
            return true;
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
