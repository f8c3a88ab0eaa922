package io.ticketing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.identity.testsupport.SharedKeycloak;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/** The tenant realm template on a real Keycloak: roles, default role, tokens, and realms kept apart. */
class TenantRealmIT {

    /** Fast hashing for test realms only: a login takes ~60 ms instead of ~250 ms. */
    static final String TEST_PASSWORD_POLICY = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1) and length(8)";

    private static Keycloak admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void connect() {
        admin = KeycloakUsers.admin();
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void organizerAdminLogsInWithTheRolesOfTheTemplateAndBuyersGetCustomer() throws Exception {
        String slug = createRealm();
        String realm = TenantRealmTemplate.realmName(slug);
        createUser(realm, "boss@" + slug + ".test", "organizer-admin");
        createUser(realm, "buyer@" + slug + ".test");

        JWTClaimsSet boss = verify(realm, token(realm, "boss@" + slug + ".test"));
        assertThat(boss.getIssuer()).isEqualTo(SharedKeycloak.url() + "/realms/" + realm);
        assertThat(roles(boss)).contains("organizer-admin", "customer");

        JWTClaimsSet buyer = verify(realm, token(realm, "buyer@" + slug + ".test"));
        assertThat(roles(buyer)).contains("customer").doesNotContain("organizer-admin", "finance");
    }

    @Test
    void aTokenOfOneTenantFailsAgainstAnotherTenantsKeys() throws Exception {
        String a = TenantRealmTemplate.realmName(createRealm());
        String b = TenantRealmTemplate.realmName(createRealm());
        createUser(a, "someone@a.test", "organizer-admin");
        String tokenOfA = token(a, "someone@a.test");

        assertThat(verify(a, tokenOfA).getIssuer()).endsWith("/realms/" + a);
        assertThatThrownBy(() -> verify(b, tokenOfA)).isInstanceOf(BadJOSEException.class);
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        String realm = TenantRealmTemplate.realmName(createRealm());
        createUser(realm, "user@x.test");
        HttpResponse<String> r = passwordGrant(realm, "user@x.test", "not-the-password");
        assertThat(r.statusCode()).isEqualTo(400); // OAuth 2: invalid_grant is a 400
        assertThat(r.body()).contains("invalid_grant");
    }

    static String createRealm() throws Exception {
        String slug = "kc-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String json = new TenantRealmTemplate(slug, "Test " + slug, "#336699", List.of(slug + ".tickets.test"),
                "http://localhost:8080", "secret-" + slug, true, TEST_PASSWORD_POLICY, null).toJson();
        admin.realms().create(JsonSerialization.readValue(json, RealmRepresentation.class));
        return slug;
    }

    static void createUser(String realm, String email, String... roles) {
        KeycloakUsers.ensure(admin, realm, email, "correct-horse-1", roles);
    }

    static String token(String realm, String email) throws Exception {
        HttpResponse<String> r = passwordGrant(realm, email, "correct-horse-1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonSerialization.readValue(r.body(), Map.class).get("access_token").toString();
    }

    static HttpResponse<String> passwordGrant(String realm, String email, String password) throws Exception {
        String slug = realm.substring("tenant-".length());
        String form = Map.of("grant_type", "password", "client_id", "storefront", "client_secret", "secret-" + slug,
                        "username", email, "password", password, "scope", "openid").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(SharedKeycloak.url() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JWTClaimsSet verify(String realm, String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(URI.create(SharedKeycloak.url() + "/realms/" + realm
                        + "/protocol/openid-connect/certs").toURL()).build()));
        return processor.process(token, null);
    }

    @SuppressWarnings("unchecked")
    static List<String> roles(JWTClaimsSet claims) {
        Map<String, Object> access = (Map<String, Object>) claims.getClaim("realm_access");
        return (List<String>) access.get("roles");
    }
}
