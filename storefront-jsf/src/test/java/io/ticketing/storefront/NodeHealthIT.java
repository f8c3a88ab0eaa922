package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.testsupport.DemoTenant;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.ticketing.platform.testsupport.TcpProxy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health and Metrics on two real nodes: started once migrated, ready only once the shop serves, live
 * regardless of what is outside the node; a node that alone loses the database leaves the load balancer and comes
 * back, and the other stays (the outage of the database for every node is DatabaseOutageIT's); requests timed by
 * route template on the management port.
 */
class NodeHealthIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static TcpProxy node2Database;
    private static Tenant demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoTenant.ensure(SharedPostgres.dataSource());
        String direct = SharedPostgres.jdbcUrl();
        int databasePort = Integer.parseInt(direct.replaceAll(".*:(\\d+)/.*", "$1"));
        node2Database = new TcpProxy(databasePort);
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        String cluster = "health-" + ProcessHandle.current().pid();
        node1 = storefrontNode("health1", hz1, List.of(hz1, hz2), cluster, Map.of());
        node2 = storefrontNode("health2", hz2, List.of(hz1, hz2), cluster, Map.of(
                "ticketing.db.url", "jdbc:postgresql://127.0.0.1:" + node2Database.port() + "/postgres?connectTimeout=2&socketTimeout=10"));
        // Ready is what a load balancer waits for: once it says so, the shop must answer, not a 404 of an app still deploying.
        node1.awaitReady(URI.create(health(node1, "ready")), Duration.ofMinutes(4));
        assertThat(get(shop(node1)).statusCode()).as("the shop answers as soon as the node says it is ready").isEqualTo(200);
        node2.awaitReady(URI.create(health(node2, "ready")), Duration.ofMinutes(4));
        assertThat(get(shop(node2)).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        ClusterTestSupport.stopAll(null, node1, node2);
        if (node2Database != null) {
            node2Database.close();
        }
    }

    @Test
    void startedLiveAndReadySayWhatTheNodeChecked() throws Exception {
        for (PayaraMicroNode node : List.of(node1, node2)) {
            HttpResponse<String> started = get(health(node, "started"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            assertThat(value(check(started, "migrations"), "migrations")).isEqualTo("DONE");

            HttpResponse<String> live = get(health(node, "live"));
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            assertThat(value(check(live, "node-alive"), "deadlockedThreads")).isEqualTo("0");

            HttpResponse<String> ready = get(health(node, "ready"));
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            JsonObject checked = check(ready, "node");
            assertThat(value(checked, "database")).isEqualTo("REACHABLE");
            assertThat(value(checked, "dataGrid")).isEqualTo("ACTIVE");
            assertThat(value(checked, "dataGridMembers")).as("both nodes in one grid").isEqualTo("2");
            assertThat(value(checked, "identity")).as("Keycloak is reported").isIn("UP", "DOWN", "NOT_CONFIGURED");
            assertThat(value(checked, "draining")).isEqualTo("false");
        }
    }

    @Test
    void theBuyersPortDoesNotShowHealth() throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + node1.httpPort() + "/health/ready");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("\"checks\"");
    }

    @Test
    void requestsAreTimedByRouteTemplateOnTheManagementPortWithoutAnyShopInTheLabels() throws Exception {
        String api = shop(node1) + "api/events";
        assertThat(get(api).statusCode()).isEqualTo(200);
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/987654321"))
                .header("X-Request-Id", "probe-4711").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Request-Id")).as("the load balancer's id kept").contains("probe-4711");
        assertThat(get(api).headers().firstValue("X-Request-Id")).as("or a new one").hasValueSatisfying(id -> assertThat(id).hasSize(16));
        assertThat(get(shop(node1) + "no-such-page.xhtml").statusCode()).isEqualTo(404);
        assertThat(get(shop(node1) + "api/no/such/thing").statusCode()).isEqualTo(404);

        HttpResponse<String> metrics = get("http://127.0.0.1:" + node1.managementPort() + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        List<String> requests = metrics.body().lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket{")).toList();
        assertThat(requests).anyMatch(l -> l.contains("route=\"/api/events\"") && l.contains("status=\"2xx\"") && l.contains("method=\"GET\""));
        assertThat(requests).as("a template, not the address asked for")
                .anyMatch(l -> l.contains("route=\"/api/events/{id}\"") && l.contains("status=\"4xx\""))
                .noneMatch(l -> l.contains("987654321"));
        assertThat(requests).anyMatch(l -> l.contains("route=\"unmatched\""))
                .noneMatch(l -> l.contains("no-such-page") || l.contains("no/such"));
        assertThat(requests).as("no shop in a request's labels").noneMatch(l -> l.contains(demo.slug().value()));
        assertThat(metrics.body()).as("JVM metrics beside them").contains("memory_usedHeap_bytes");

        // One log line per request: the route, not the address asked for (addresses carry order keys and tokens).
        String logged = "";
        for (int attempt = 0; attempt < 20 && logged.isEmpty(); attempt++) { // Payara writes its log a moment later
            Thread.sleep(attempt == 0 ? 0 : 250);
            logged = node1.logTail(2_000).lines().filter(l -> l.contains("id=probe-4711")).findFirst().orElse("");
        }
        assertThat(logged).contains("GET /api/events/{id} 404").contains("tenant=" + demo.slug().value()).doesNotContain("987654321");

        HttpResponse<String> publicPort = get("http://127.0.0.1:" + node1.httpPort() + "/metrics");
        assertThat(publicPort.body()).as("not on the buyers' port").doesNotContain("http_server_requests");
    }

    @Test
    void aNodeThatAloneLosesTheDatabaseLeavesTheLoadBalancerStaysAliveAndComesBack() throws Exception {
        node2Database.cut();
        try {
            HttpResponse<String> ready = awaitStatus(health(node2, "ready"), 503);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(value(check(ready, "node"), "database")).isEqualTo("UNREACHABLE_FROM_THIS_NODE");
            assertThat(get(health(node2, "live")).statusCode()).as("not restarted for what is outside it").isEqualTo(200);
            HttpResponse<String> other = get(health(node1, "ready"));
            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        } finally {
            node2Database.restore();
        }
        HttpResponse<String> back = awaitStatus(health(node2, "ready"), 200);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(get(shop(node2)).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> awaitStatus(String url, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get(url);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = get(url);
        }
        return response;
    }

    private static JsonObject check(HttpResponse<String> response, String name) {
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return body.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + response.body()));
    }

    /** A check's datum as text (Payara writes numbers and booleans as strings, the specification allows either). */
    private static String value(JsonObject check, String key) {
        var value = check.getJsonObject("data").get(key);
        assertThat(value).as(key + " in " + check).isNotNull();
        return value instanceof jakarta.json.JsonString text ? text.getString() : value.toString();
    }

    private static String health(PayaraMicroNode node, String kind) {
        return "http://127.0.0.1:" + node.managementPort() + "/health/" + kind;
    }

    private static String shop(PayaraMicroNode node) {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + demo.slug().value() + "/";
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
