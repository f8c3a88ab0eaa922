package io.ticketing.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The operator API on a real Payara Micro, with the shared real Keycloak and PostgreSQL. What the
 * API did is checked independently: realms and users through Keycloak's own admin client, schemas
 * and rows through SQL.
 */
@ExtendWith(ArquillianExtension.class)
class TenantLifecycleIT {

    @ArquillianResource
    URL base;

    private static Keycloak keycloak;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static WebArchive operatorWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.operator.war")));
    }

    @BeforeAll
    static void keycloakAdmin() {
        keycloak = KeycloakUsers.admin();
    }

    @AfterAll
    static void close() {
        keycloak.close();
    }

    @Test
    void onboardingCreatesRegistrySchemaRealmAndAnAdminWhoCanLogIn() throws Exception {
        String slug = unique("onb");
        HttpResponse<String> created = post("tenants", onboarding(slug, slug + ".tickets.test"), operatorToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"ACTIVE\"").contains("\"realm\":\"tenant-" + slug + "\"")
                .contains("initialAdminPassword");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/tenants/" + slug));

        // Schema with its tables
        assertThat(tablesOf("tenant_" + slug.replace('-', '_'))).contains("venue", "event", "ticket_type");
        // Realm from the template, with the storefront client and the organizer admin
        String realm = "tenant-" + slug;
        var realmSettings = keycloak.realm(realm).toRepresentation();
        assertThat(realmSettings.isRegistrationAllowed()).isTrue();
        assertThat(realmSettings.getSmtpServer()).containsEntry("host", "127.0.0.1").containsEntry("port", "2525")
                .containsEntry("from", "tickets@platform.test").containsEntry("fromDisplayName", "Organizer " + slug);
        assertThat(keycloak.realm(realm).clients().findByClientId("storefront")).hasSize(1);
        UserRepresentation admin = keycloak.realm(realm).users().search("boss@" + slug + ".test", true).get(0);
        assertThat(keycloak.realm(realm).users().get(admin.getId()).roles().realmLevel().listEffective())
                .extracting(r -> r.getName()).contains("organizer-admin", "customer");
        assertThat(admin.getRequiredActions()).containsExactlyInAnyOrder("UPDATE_PASSWORD", "UPDATE_PROFILE");

        // The storefront client's secret is stored sealed with the tenant's own key, never in clear.
        String sealed = sqlValue("SELECT storefront_client_secret FROM platform.tenant WHERE slug = '" + slug + "'");
        assertThat(sealed).startsWith("v1.").doesNotContain(storefrontSecret(realm));
        assertThat(new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(slug, sealed)).isEqualTo(storefrontSecret(realm));

        // The one-time password is real: Keycloak asks for a new one before it hands out tokens.
        String temporary = json(created.body()).get("initialAdminPassword");
        HttpResponse<String> firstLogin = IdentityTestSettings.passwordGrant(realm, "storefront", storefrontSecret(realm),
                "boss@" + slug + ".test", temporary);
        assertThat(firstLogin.body()).contains("Account is not fully set up");
        setPassword(realm, admin.getId(), "new-password-1");
        String token = IdentityTestSettings.token(realm, "storefront", storefrontSecret(realm), "boss@" + slug + ".test", "new-password-1");
        assertThat(token).isNotBlank();

        // The same request again: the same tenant, 200, no second password
        HttpResponse<String> again = post("tenants", onboarding(slug, slug + ".tickets.test"), operatorToken());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"slug\":\"" + slug + "\"").doesNotContain("initialAdminPassword");
        assertThat(keycloak.realm(realm).users().search("boss@" + slug + ".test", true)).hasSize(1);

        assertThat(get("tenants/" + slug, operatorToken()).body()).contains("\"status\":\"ACTIVE\"");
        assertThat(get("tenants", operatorToken()).body()).contains("\"slug\":\"" + slug + "\"");
        assertThat(get("tenants/" + slug + "/audit", operatorToken()).body())
                .contains("\"action\":\"onboard\"").contains("\"operator\":\"" + IdentityTestSettings.OPERATOR_EMAIL + "\"");
    }

    @Test
    void anAccountSomeoneElseMadeWithTheAdminsAddressIsNeverMadeTheShopsAdmin() throws Exception {
        String slug = unique("taken");
        String realm = "tenant-" + slug;
        // The realm of an earlier try that stopped half-way, where an account with the admin's address has appeared since.
        keycloak.realms().create(JsonSerialization.readValue(new TenantRealmTemplate(slug, "Organizer " + slug, "#aa3300", List.of(),
                "http://localhost:8080", "secret-" + slug, true, IdentityTestSettings.PASSWORD_POLICY, null).toJson(),
                RealmRepresentation.class));
        keycloakUser(realm, "boss@" + slug + ".test", "stranger-pass-1");

        HttpResponse<String> refused = post("tenants", onboarding(slug, null), operatorToken());
        assertProblem(refused, 409, "adminEmail");
        assertThat(refused.body()).contains("not created by the platform").doesNotContain("initialAdminPassword");
        UserRepresentation stranger = keycloak.realm(realm).users().search("boss@" + slug + ".test", true).get(0);
        assertThat(keycloak.realm(realm).users().get(stranger.getId()).roles().realmLevel().listEffective())
                .extracting(r -> r.getName()).doesNotContain("organizer-admin");
        assertThat(keycloak.realm(realm).toRepresentation().isRegistrationAllowed()).as("no admin yet, so no sign-ups").isFalse();
        assertThat(get("tenants/" + slug, operatorToken()).body()).contains("\"status\":\"PROVISIONING\"");
    }

    @Test
    void badInputGetsItsStatusAndNamesTheField() throws Exception {
        String slug = unique("bad");
        assertProblem(post("tenants", onboarding("Not A Slug", null), operatorToken()), 422, "slug");
        assertProblem(post("tenants", "{\"slug\":\"" + slug + "\",\"name\":\"No Admin\"}", operatorToken()), 422, "adminEmail");
        assertProblem(post("tenants", "{\"slug\":\"" + slug + "\",\"adminEmail\":\"a@b.test\"}", operatorToken()), 422, "name");
        assertProblem(post("tenants", onboarding(slug, "not a host"), operatorToken()), 422, "hosts");
        assertProblem(post("tenants", "{\"slug\":\"" + slug + "\",\"name\":\"X\",\"adminEmail\":\"a@b.test\","
                + "\"branding\":{\"primaryColor\":\"red\"}}", operatorToken()), 422, "branding");
        HttpResponse<String> malformed = post("tenants", "{not json", operatorToken());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed_json");

        // A taken host: 409 naming hosts, and nothing of the second tenant exists anywhere.
        String first = unique("first");
        assertThat(post("tenants", onboarding(first, first + ".tickets.test"), operatorToken()).statusCode()).isEqualTo(201);
        String second = unique("second");
        assertProblem(post("tenants", onboarding(second, first + ".tickets.test"), operatorToken()), 409, "hosts");
        assertThat(get("tenants/" + second, operatorToken()).statusCode()).isEqualTo(404);
        assertThat(keycloak.realms().findAll()).extracting(r -> r.getRealm()).doesNotContain("tenant-" + second);
        // A taken slug with another request: 409 naming slug
        assertProblem(post("tenants", onboarding(first, null).replace("Organizer " + first, "Someone else"), operatorToken()), 409, "slug");
        assertThat(get("tenants/no-such-tenant", operatorToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyOperatorsOfThePlatformRealmGetIn() throws Exception {
        String body = onboarding(unique("auth"), null);
        assertProblem(post("tenants", body, null), 401, null);
        assertProblem(post("tenants", body, "not-a-jwt"), 401, null);

        // A valid token of a tenant realm, even its organizer admin's, is refused here.
        String slug = unique("realm");
        HttpResponse<String> onboarded = post("tenants", onboarding(slug, null), operatorToken());
        String realm = "tenant-" + slug;
        UserRepresentation admin = keycloak.realm(realm).users().search("boss@" + slug + ".test", true).get(0);
        setPassword(realm, admin.getId(), "new-password-1");
        String tenantToken = IdentityTestSettings.token(realm, "storefront", storefrontSecret(realm), "boss@" + slug + ".test", "new-password-1");
        assertThat(onboarded.statusCode()).isEqualTo(201);
        assertProblem(get("tenants", tenantToken), 401, null);

        // A platform-realm user without the operator role: 403.
        keycloakUser("platform", "viewer@platform.test", "viewer-pass-1");
        String viewer = IdentityTestSettings.token("platform", "operator-console", IdentityTestSettings.OPERATOR_CONSOLE_SECRET,
                "viewer@platform.test", "viewer-pass-1");
        assertProblem(get("tenants", viewer), 403, null);

        // Health needs no token.
        assertThat(get("health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void suspendClosesLoginsReactivateOpensThemOffboardExportsThenDeletesEverything() throws Exception {
        String slug = unique("life");
        String realm = "tenant-" + slug;
        assertThat(post("tenants", onboarding(slug, null), operatorToken()).statusCode()).isEqualTo(201);
        UserRepresentation admin = keycloak.realm(realm).users().search("boss@" + slug + ".test", true).get(0);
        setPassword(realm, admin.getId(), "new-password-1");
        String secret = storefrontSecret(realm);
        String schema = "tenant_" + slug.replace('-', '_');
        sql("INSERT INTO " + schema + ".venue (name, city, time_zone) VALUES ('Export Hall', 'Exportville', 'UTC')");

        HttpResponse<String> suspended = post("tenants/" + slug + "/suspend", "", operatorToken());
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(suspended.body()).contains("\"status\":\"SUSPENDED\"");
        assertThat(IdentityTestSettings.passwordGrant(realm, "storefront", secret, "boss@" + slug + ".test", "new-password-1")
                .statusCode()).isNotEqualTo(200);

        HttpResponse<String> reactivated = post("tenants/" + slug + "/reactivate", "", operatorToken());
        assertThat(reactivated.body()).contains("\"status\":\"ACTIVE\"");
        assertThat(IdentityTestSettings.token(realm, "storefront", secret, "boss@" + slug + ".test", "new-password-1")).isNotBlank();

        assertProblem(delete("tenants/" + slug, operatorToken()), 422, "confirm");
        assertProblem(delete("tenants/" + slug + "?confirm=someone-else", operatorToken()), 422, "confirm");
        assertThat(tablesOf(schema)).isNotEmpty();

        HttpResponse<String> offboarded = delete("tenants/" + slug + "?confirm=" + slug, operatorToken());
        assertThat(offboarded.statusCode()).as(offboarded.body()).isEqualTo(200);
        String exportUrl = json(offboarded.body()).get("export");
        HttpResponse<byte[]> export = http.send(HttpRequest.newBuilder(URI.create(exportUrl))
                .header("Authorization", "Bearer " + operatorToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        Map<String, String> files = unzip(export.body());
        assertThat(files).containsKeys("tenant.csv", "venue.csv", "event.csv", "ticket_type.csv");
        assertThat(files.get("venue.csv")).startsWith("id,name,address,city").contains("Export Hall,,Exportville");
        assertThat(files.get("tenant.csv")).contains(slug);

        assertThat(tablesOf(schema)).isEmpty();
        assertThat(keycloak.realms().findAll()).extracting(r -> r.getRealm()).doesNotContain(realm);
        assertThat(get("tenants/" + slug, operatorToken()).statusCode()).isEqualTo(404);
        assertThat(get("tenants/" + slug + "/audit", operatorToken()).body())
                .contains("\"action\":\"suspend\"").contains("\"action\":\"reactivate\"")
                .contains("\"action\":\"offboard\",\"outcome\":\"REFUSED\"").contains("\"action\":\"offboard\",\"outcome\":\"SUCCEEDED\"");
    }

    // --- helpers

    private static String onboarding(String slug, String host) {
        return "{\"slug\":\"" + slug + "\",\"name\":\"Organizer " + slug + "\",\"adminEmail\":\"boss@" + slug + ".test\","
                + "\"hosts\":[" + (host == null ? "" : "\"" + host + "\"") + "],\"branding\":{\"primaryColor\":\"#aa3300\"}}";
    }

    private static String unique(String prefix) {
        return prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    private static String operatorToken() {
        return IdentityTestSettings.operatorToken();
    }

    private static String storefrontSecret(String realm) {
        var client = keycloak.realm(realm).clients().findByClientId("storefront").get(0);
        return keycloak.realm(realm).clients().get(client.getId()).getSecret().getValue();
    }

    private static void setPassword(String realm, String userId, String password) {
        KeycloakUsers.setPassword(keycloak, realm, userId, password);
    }

    private static void keycloakUser(String realm, String email, String password) {
        KeycloakUsers.ensure(keycloak, realm, email, password);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        if (field != null) {
            assertThat(response.body()).contains("\"field\":\"" + field + "\"");
        }
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "api/" + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "api/" + path)).DELETE(), token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "api/" + path)).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        request.header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> json(String body) {
        Map<String, String> out = new HashMap<>();
        var m = java.util.regex.Pattern.compile("\"([A-Za-z]+)\":\"([^\"]*)\"").matcher(body);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<String> tablesOf(String schema) throws Exception {
        try (Connection c = SharedPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            return tables;
        }
    }

    private static String sqlValue(String query) throws Exception {
        try (Connection c = SharedPostgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = SharedPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
