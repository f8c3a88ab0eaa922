package io.ticketing.operator.infrastructure;

import static io.ticketing.platform.json.JsonFields.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that talks to Keycloak's admin REST API. Every call is idempotent, so a retried
 * onboarding step finishes the work instead of failing on what the first try already did.
 *
 * <p>It uses the JDK's HTTP client and JSON-P rather than {@code keycloak-admin-client}: that
 * client brings RESTEasy, a second JAX-RS implementation whose providers Payara's Jersey picks up
 * and fails to deploy (see docs/decisions.md). The tests check this gateway's results through
 * {@code keycloak-admin-client}, outside the container.
 *
 * <p>Configuration: {@code ticketing.keycloak.url} (where tokens are issued; the admin API may sit
 * at another, internal address: {@code ticketing.keycloak.admin-url}) plus an admin user
 * ({@code ticketing.keycloak.admin-user}/{@code -password}, development) or a service-account client
 * ({@code ticketing.keycloak.admin-client-id}/{@code -client-secret}, production) of realm
 * {@code ticketing.keycloak.admin-realm} (default {@code master}).
 */
@ApplicationScoped
public class KeycloakGateway {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public boolean isConfigured() {
        return url.isPresent();
    }

    /** Where tokens are issued: realms' issuers are {@code baseUrl()/realms/<name>}. */
    public String baseUrl() {
        return url.orElseThrow(() -> new IllegalStateException("ticketing.keycloak.url is not set")).replaceAll("/+$", "");
    }

    private String adminBaseUrl() {
        return adminUrl.map(u -> u.replaceAll("/+$", "")).orElseGet(this::baseUrl);
    }

    /** Whether Keycloak answers an authenticated admin call right now. */
    public boolean isReachable() {
        try {
            return send("GET", "/admin/realms/" + adminRealm, null).statusCode() == 200;
        } catch (IdentityUnavailableException e) {
            return false;
        }
    }

    public boolean realmExists(String realm) {
        int status = send("GET", "/admin/realms/" + realm, null).statusCode();
        if (status == 404) {
            return false;
        }
        expect(status, 200, "read realm " + realm);
        return true;
    }

    /** Creates the realm from its representation unless it exists; true when this call created it. */
    public boolean ensureRealm(String realm, String representation) {
        if (realmExists(realm)) {
            return false;
        }
        int status = send("POST", "/admin/realms", representation).statusCode();
        return expect(status, 201, 409, "create realm " + realm) == 201;
    }

    public void setRealmEnabled(String realm, boolean enabled) {
        String body = JSON.createObjectBuilder().add("realm", realm).add("enabled", enabled).build().toString();
        expect(send("PUT", "/admin/realms/" + realm, body).statusCode(), 204, "update realm " + realm);
    }

    /** Adds a redirect URI to a client of a realm unless it has it already. */
    public void ensureRedirectUri(String realm, String clientId, String redirectUri) {
        HttpResponse<String> r = send("GET", "/admin/realms/" + realm + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null);
        expect(r.statusCode(), 200, "read client " + clientId + " of " + realm);
        JsonArray clients = JSON.createReader(new StringReader(r.body())).readArray();
        if (clients.isEmpty()) {
            throw new IllegalStateException("Realm " + realm + " has no client " + clientId);
        }
        JsonObject client = clients.getJsonObject(0);
        JsonArray uris = client.getJsonArray("redirectUris");
        if (uris != null && uris.getValuesAs(jakarta.json.JsonString.class).stream().anyMatch(u -> u.getString().equals(redirectUri))) {
            return;
        }
        var updated = JSON.createArrayBuilder(uris == null ? JSON.createArrayBuilder().build() : uris).add(redirectUri);
        String body = JSON.createObjectBuilder(client).add("redirectUris", updated).build().toString();
        expect(send("PUT", "/admin/realms/" + realm + "/clients/" + client.getString("id"), body).statusCode(),
                204, "update client " + clientId + " of " + realm);
    }

    /** Deletes the realm; a realm that is already gone is fine. */
    public void deleteRealm(String realm) {
        expect(send("DELETE", "/admin/realms/" + realm, null).statusCode(), 204, 404, "delete realm " + realm);
    }

    /** A person to create in a realm; without names, placeholders are set and asked for at first login. */
    public record NewUser(String email, String firstName, String lastName) {
        boolean named() {
            return firstName != null && !firstName.isBlank() && lastName != null && !lastName.isBlank();
        }
    }

    /**
     * Makes sure a user with this e-mail exists in the realm with these realm roles. A new user gets
     * {@code password}; when {@code temporary}, it must be changed at first login (and unnamed users
     * must give their names: Keycloak's user profile requires them). An existing user keeps theirs.
     *
     * @return true when this call created the user
     */
    public boolean ensureUser(String realm, NewUser person, List<String> roles, String password, boolean temporary) {
        String email = person.email();
        Optional<String> existing = findUserId(realm, email);
        boolean created = existing.isEmpty();
        if (created) {
            var requiredActions = JSON.createArrayBuilder();
            if (temporary) {
                requiredActions.add("UPDATE_PASSWORD");
                if (!person.named()) {
                    requiredActions.add("UPDATE_PROFILE");
                }
            }
            String body = JSON.createObjectBuilder()
                    .add("username", email).add("email", email).add("emailVerified", true).add("enabled", true)
                    .add("firstName", person.named() ? person.firstName() : "Organizer")
                    .add("lastName", person.named() ? person.lastName() : "Administrator")
                    .add("requiredActions", requiredActions)
                    .add("credentials", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                            .add("type", "password").add("value", password).add("temporary", temporary)))
                    .build().toString();
            expect(send("POST", "/admin/realms/" + realm + "/users", body).statusCode(), 201, 409, "create user in " + realm);
        }
        String userId = findUserId(realm, email)
                .orElseThrow(() -> new IllegalStateException("User " + email + " missing in " + realm + " after creation"));
        var roleArray = JSON.createArrayBuilder();
        for (String role : roles) {
            HttpResponse<String> r = send("GET", "/admin/realms/" + realm + "/roles/" + role, null);
            expect(r.statusCode(), 200, "read role " + role + " of " + realm);
            roleArray.add(JSON.createReader(new StringReader(r.body())).readObject());
        }
        expect(send("POST", "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm",
                roleArray.build().toString()).statusCode(), 204, "grant roles in " + realm);
        return created;
    }

    private Optional<String> findUserId(String realm, String email) {
        HttpResponse<String> r = send("GET", "/admin/realms/" + realm + "/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8), null);
        expect(r.statusCode(), 200, "search users of " + realm);
        JsonArray users = JSON.createReader(new StringReader(r.body())).readArray();
        return users.isEmpty() ? Optional.empty() : Optional.of(users.getJsonObject(0).getString("id"));
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpResponse<String> response = sendOnce(method, path, json, adminToken());
        if (response.statusCode() == 401) {
            // The token expired or was revoked between our check and the call: one fresh try.
            synchronized (this) {
                tokenExpires = Instant.EPOCH;
            }
            response = sendOnce(method, path, json, adminToken());
        }
        return response;
    }

    private HttpResponse<String> sendOnce(String method, String path, String json, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminBaseUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return call(request.build(), method + " " + path);
    }

    private synchronized String adminToken() {
        if (token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        Map<String, String> form = clientSecret.isPresent()
                ? Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret.get())
                : Map.of("grant_type", "password", "client_id", clientId,
                "username", adminUser.orElse("admin"), "password", adminPassword.orElse(""));
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = call(HttpRequest.newBuilder(
                        URI.create(adminBaseUrl() + "/realms/" + adminRealm + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), "admin login");
        if (r.statusCode() != 200) {
            throw new IdentityUnavailableException("Keycloak refused the platform's admin credentials (HTTP "
                    + r.statusCode() + ")", null);
        }
        JsonObject answer = JSON.createReader(new StringReader(r.body())).readObject();
        token = answer.getString("access_token");
        tokenExpires = Instant.now().plusSeconds(Math.max(5, answer.getInt("expires_in", 60) - 15));
        return token;
    }

    private HttpResponse<String> call(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IdentityUnavailableException("Keycloak is not reachable (" + what + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityUnavailableException("Interrupted while calling Keycloak (" + what + ")", e);
        }
    }

    /** The status when it is one of {@code accepted}; otherwise a clear error naming the call. */
    private static int expect(int status, int accepted, String what) {
        return expect(status, accepted, accepted, what);
    }

    private static int expect(int status, int accepted, int alsoAccepted, String what) {
        if (status == accepted || status == alsoAccepted) {
            return status;
        }
        if (status >= 500) {
            throw new IdentityUnavailableException("Keycloak failed to " + what + " (HTTP " + status + ")", null);
        }
        throw new IllegalStateException("Keycloak refused to " + what + " (HTTP " + status + ")");
    }
}
