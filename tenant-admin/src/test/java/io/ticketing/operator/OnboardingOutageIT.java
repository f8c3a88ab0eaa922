package io.ticketing.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.SharedKeycloak;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.ticketing.platform.testsupport.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's admin API, or the database, goes away under a running operator node (it reaches both
 * through proxies the test cuts): the operator gets a 503 that says what happened, nothing is left
 * ACTIVE half-made (a tenant stays PROVISIONING, so no shop opens), and the same request, once the
 * service is back, finishes the job.
 */
class OnboardingOutageIT {

    private static TcpProxy keycloakAdmin;
    private static TcpProxy database;
    private static PayaraMicroNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        new TenantSchemas(SharedPostgres.dataSource()).migratePlatform();
        keycloakAdmin = new TcpProxy(URI.create(SharedKeycloak.url()).getPort());
        Map<String, String> props = new LinkedHashMap<>(IdentityTestSettings.payaraSystemProperties());
        props.put("ticketing.keycloak.admin-url", "http://127.0.0.1:" + keycloakAdmin.port());
        database = new TcpProxy(URI.create(SharedPostgres.jdbcUrl().substring("jdbc:".length())).getPort());
        props.put("ticketing.db.url", "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres?connectTimeout=3");
        props.put("ticketing.db.user", SharedPostgres.USER);
        props.put("ticketing.db.password", SharedPostgres.PASSWORD);
        int httpPort = PayaraMicroNode.freePort();
        int hazelcastPort = PayaraMicroNode.freePort();
        node = PayaraMicroNode.start(new PayaraMicroNode.Options("outage-operator", Path.of(System.getProperty("payara.microJar")),
                List.of(Path.of(System.getProperty("ticketing.operator.war"))), httpPort, hazelcastPort,
                List.of(hazelcastPort), "outage-op-" + ProcessHandle.current().pid(), props,
                Files.createTempDirectory("outage-operator"), "512m"));
        node.awaitReady(URI.create("http://127.0.0.1:" + httpPort + "/operator/api/health"), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.stop();
        }
        if (keycloakAdmin != null) {
            keycloakAdmin.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void keycloakDownMeans503AndNoOpenShopThenTheSameRequestFinishes() throws Exception {
        String slug = "outage-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String body = "{\"slug\":\"" + slug + "\",\"name\":\"Outage Org\",\"adminEmail\":\"boss@" + slug + ".test\"}";

        keycloakAdmin.cut();
        HttpResponse<String> down = post(body);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("identity_unavailable").contains("Keycloak").doesNotContain("Exception");
        assertThat(get("tenants/" + slug).body()).contains("\"status\":\"PROVISIONING\"");
        assertThat(get("tenants/" + slug + "/audit").body()).contains("\"action\":\"onboard\",\"outcome\":\"FAILED\"");

        keycloakAdmin.restore();
        HttpResponse<String> done = post(body);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        assertThat(done.body()).contains("\"status\":\"ACTIVE\"").contains("initialAdminPassword");
        HttpResponse<String> realm = http.send(HttpRequest.newBuilder(URI.create(SharedKeycloak.url() + "/realms/tenant-" + slug))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(realm.statusCode()).isEqualTo(200);
    }

    @Test
    void databaseDownMeans503AndNothingMadeThenItServesAgain() throws Exception {
        String slug = "dbdown-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String body = "{\"slug\":\"" + slug + "\",\"name\":\"Db Down Org\",\"adminEmail\":\"boss@" + slug + ".test\"}";
        database.cut();
        try {
            HttpResponse<String> down = post(body);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("database_unavailable").doesNotContain("Exception");
            assertThat(get("tenants").statusCode()).isEqualTo(503);
            assertThat(get("health").statusCode()).isEqualTo(503);
        } finally {
            database.restore();
        }
        HttpResponse<String> tenants = get("tenants");
        for (int attempt = 0; attempt < 20 && tenants.statusCode() != 200; attempt++) {
            Thread.sleep(500);
            tenants = get("tenants");
        }
        assertThat(tenants.statusCode()).isEqualTo(200);
        assertThat(tenants.body()).doesNotContain(slug);
        HttpResponse<String> done = post(body);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api("tenants")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + IdentityTestSettings.operatorToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path))
                .header("Authorization", "Bearer " + IdentityTestSettings.operatorToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + "/operator/api/" + path);
    }
}
