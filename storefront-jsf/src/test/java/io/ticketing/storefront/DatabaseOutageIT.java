package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.DemoTenant;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running node: shops keep serving the pages their caches hold, answer
 * 503 with a readable page (no stack trace, no wrong tenant) for the rest; holds, checkout and payment
 * callbacks answer 503 and store nothing, and once the database is back the same requests finish,
 * once, without a restart.
 * Uses its own PostgreSQL so the rest of the suite keeps its database.
 */
class DatabaseOutageIT {

    private static Path dataDir;
    private static int dbPort;
    private static EmbeddedPostgres postgres;
    private static PayaraMicroNode node;
    private static DataSource db;
    private static Tenant demo;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("outage-pg");
        dbPort = PayaraMicroNode.freePort();
        postgres = startPostgres();
        String url = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres?connectTimeout=3";
        db = SharedPostgres.dataSource(url, SharedPostgres.USER, SharedPostgres.PASSWORD);
        new TenantSchemas(db).migratePlatform();
        demo = DemoTenant.ensure(db);
        int httpPort = PayaraMicroNode.freePort();
        int hazelcastPort = PayaraMicroNode.freePort();
        node = PayaraMicroNode.start(new PayaraMicroNode.Options("outage", Path.of(System.getProperty("payara.microJar")),
                List.of(Path.of(System.getProperty("ticketing.storefront.war"))), httpPort, hazelcastPort,
                List.of(hazelcastPort), "outage-" + ProcessHandle.current().pid(),
                Map.of("ticketing.db.url", url, "ticketing.db.user", SharedPostgres.USER,
                        "ticketing.db.password", SharedPostgres.PASSWORD, "ticketing.payments.sandbox", "true",
                        "ticketing.secrets.master-key", IdentityTestSettings.SECRETS_MASTER_KEY),
                Files.createTempDirectory("outage-node"), "512m"));
        node.awaitReady(shop(), Duration.ofMinutes(3));
    }

    /** A test that failed mid-outage leaves the database down; the next one starts from it up. */
    @BeforeEach
    void databaseUp() throws Exception {
        if (postgres == null) {
            postgres = startPostgres();
            HttpResponse<String> back = get("?from=2099-01-01");
            for (int attempt = 0; attempt < 20 && back.statusCode() != 200; attempt++) {
                Thread.sleep(500);
                back = get("?from=2099-01-01");
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shopsKeepServingWhatTheirCachesHoldRefuseTheRestWith503AndRecoverWhenTheDatabaseIsBack() throws Exception {
        assertThat(postgres).as("the database is up at the start").isNotNull();
        execute("UPDATE " + demo.schemaName() + ".checkout_settings SET guest_checkout = true");
        assertThat(get("").statusCode()).isEqualTo(200);
        long event = number("SELECT e.id FROM " + demo.schemaName() + ".event e WHERE e.title = '"
                + DemoTenant.LISTED_TITLES.get(0).replace("'", "''") + "'");
        JsonObject before = json(api("GET", "api/events/" + event, null, "", null));
        JsonObject type = before.getJsonArray("ticketTypes").getJsonObject(0);

        postgres.close();
        postgres = null;
        // Decided in docs/decisions.md ("A database outage"): the listing and an event read before it come from the
        // caches, with the same availability (the stock ledgers live in the grid); they are not wrong, only frozen,
        // as nothing can change while nothing can be written.
        HttpResponse<String> cached = get("");
        assertThat(cached.statusCode()).as(cached.body()).isEqualTo(200);
        assertThat(cached.body()).contains(DemoTenant.LISTED_TITLES.get(0));
        assertThat(json(api("GET", "api/events/" + event, null, "", null))).isEqualTo(before);
        // A page the caches cannot build, and anything that writes, say so plainly and store nothing.
        HttpResponse<String> uncached = get("?from=2099-01-01");
        assertThat(uncached.statusCode()).isEqualTo(503);
        assertThat(uncached.body()).contains("Temporarily unavailable").doesNotContain("Exception")
                .doesNotContain(DemoTenant.LISTED_TITLES.get(0));
        HttpResponse<String> hold = api("POST", "api/holds", null, "{\"ticketTypeId\": " + type.getJsonNumber("id")
                + ", \"quantity\": 1}", null);
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(503);
        assertThat(hold.body()).doesNotContain("Exception").doesNotContain("org.postgresql");
        // No node reaches the database: it is the database's outage, not this node's, so the node stays in the load
        // balancer to serve what its caches hold, and is not restarted (docs/decisions.md, "Health").
        HttpResponse<String> ready = health("ready");
        for (int attempt = 0; attempt < 20 && !ready.body().contains("UNREACHABLE"); attempt++) {
            Thread.sleep(250);
            ready = health("ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("UNREACHABLE_FROM_EVERY_NODE");
        assertThat(health("live").statusCode()).isEqualTo(200);

        postgres = startPostgres();
        HttpResponse<String> back = get("?from=2099-01-01");
        for (int attempt = 0; attempt < 20 && back.statusCode() != 200; attempt++) {
            Thread.sleep(500);
            back = get("?from=2099-01-01");
        }
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(get("").body()).contains(DemoTenant.LISTED_TITLES.get(0));
        assertThat(json(api("GET", "api/events/" + event, null, "", null)).getJsonArray("ticketTypes").getJsonObject(0)
                .getInt("available")).as("the refused hold took nothing").isEqualTo(type.getInt("available"));
    }

    @Test
    void checkoutAndCallbacksSay503WhileTheDatabaseIsDownAndTheSameRequestsFinishOnceItIsBack() throws Exception {
        assertThat(postgres).as("the database is up at the start").isNotNull();
        String schema = demo.schemaName();
        execute("UPDATE " + schema + ".checkout_settings SET guest_checkout = true");
        long type = number("SELECT min(id) FROM " + schema + ".ticket_type");
        HttpResponse<String> held = api("POST", "api/holds", null, "{\"ticketTypeId\": " + type + ", \"quantity\": 1}", null);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        String guest = held.headers().firstValue("Guest-Token").orElseThrow();
        String firstHold = json(held).getString("holdId");
        String secondHold = json(api("POST", "api/holds", guest, "{\"ticketTypeId\": " + type + ", \"quantity\": 1}", null)).getString("holdId");
        String buyer = ", \"buyer\": {\"email\": \"outage@guest.test\"}}";
        HttpResponse<String> placed = api("POST", "api/orders", guest, "{\"holdIds\": [\"" + firstHold + "\"]" + buyer, "outage-order-1");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = json(placed).getString("orderId");
        String ref = text("SELECT payment_ref FROM " + schema + ".customer_order WHERE id = '" + orderId + "'");
        String sealed = text("SELECT sealed_credentials FROM " + schema + ".payment_settings WHERE provider = 'sandbox'");
        String secret = Json.createReader(new StringReader(new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY)
                .open(demo.slug().value(), sealed))).readObject().getString("webhookSecret");
        long price = number("SELECT total_minor FROM " + schema + ".customer_order WHERE id = '" + orderId + "'");
        String currency = text("SELECT currency FROM " + schema + ".customer_order WHERE id = '" + orderId + "'");

        postgres.close();
        postgres = null;
        HttpResponse<String> callbackDown = paid(ref, Money.ofMinor(price, currency), secret);
        assertThat(callbackDown.statusCode()).as("the provider must send it again").isEqualTo(503);
        HttpResponse<String> orderDown = api("POST", "api/orders", guest, "{\"holdIds\": [\"" + secondHold + "\"]" + buyer, "outage-order-2");
        assertThat(orderDown.statusCode()).isEqualTo(503);
        assertThat(orderDown.body() + callbackDown.body()).doesNotContain("Exception").doesNotContain("org.postgresql");

        postgres = startPostgres();
        HttpResponse<String> retried = paid(ref, Money.ofMinor(price, currency), secret);
        for (int attempt = 0; attempt < 20 && retried.statusCode() != 200; attempt++) {
            Thread.sleep(500);
            retried = paid(ref, Money.ofMinor(price, currency), secret);
        }
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(paid(ref, Money.ofMinor(price, currency), secret).statusCode()).as("and once more: a replay").isEqualTo(200);
        assertThat(number("SELECT count(*) FROM " + schema + ".customer_order WHERE id = '" + orderId + "' AND status = 'PAID'")).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM " + schema + ".ticket WHERE order_id = '" + orderId + "'")).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM " + schema + ".payment_callback WHERE event_id = 'evt-outage-1' AND NOT replay")).isEqualTo(1);

        HttpResponse<String> orderBack = api("POST", "api/orders", guest, "{\"holdIds\": [\"" + secondHold + "\"]" + buyer, "outage-order-2");
        assertThat(orderBack.statusCode()).as("nothing was stored during the outage: this makes the order").isEqualTo(201);
        assertThat(api("POST", "api/orders", guest, "{\"holdIds\": [\"" + secondHold + "\"]" + buyer, "outage-order-2").statusCode())
                .isEqualTo(200);
        assertThat(number("SELECT count(*) FROM " + schema + ".customer_order WHERE idempotency_key = 'outage-order-2'")).isEqualTo(1);
    }

    /** The sandbox's "paid" callback for {@code ref}, always the same event, signed now. */
    private HttpResponse<String> paid(String ref, Money amount, String secret) throws Exception {
        Instant now = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt-outage-1", "payment.paid", ref, amount, now);
        return http.send(HttpRequest.newBuilder(shop().resolve("api/payments/callback/sandbox")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header(SandboxSignature.HEADER, SandboxSignature.sign(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String guestToken, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(shop().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (guestToken != null) {
            request.header("Guest-Token", guestToken);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static long number(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    private static String text(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static EmbeddedPostgres startPostgres() throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(dbPort)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    private static URI shop() {
        return URI.create("http://127.0.0.1:" + node.httpPort() + "/t/demo/");
    }

    private HttpResponse<String> health(String kind) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.managementPort() + "/health/" + kind))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(shop().resolve(query)).timeout(Duration.ofSeconds(20)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
