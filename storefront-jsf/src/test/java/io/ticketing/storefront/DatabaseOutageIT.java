package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.infrastructure.tenancy.TenantSchemas;
import io.ticketing.platform.testsupport.DemoTenant;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running node: shops answer 503 with a readable page (no stack
 * trace, no wrong tenant), and serve again once the database is back, without a restart.
 * Uses its own PostgreSQL so the rest of the suite keeps its database.
 */
class DatabaseOutageIT {

    private static Path dataDir;
    private static int dbPort;
    private static EmbeddedPostgres postgres;
    private static PayaraMicroNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("outage-pg");
        dbPort = PayaraMicroNode.freePort();
        postgres = startPostgres();
        String url = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres?connectTimeout=3";
        DataSource db = SharedPostgres.dataSource(url, SharedPostgres.USER, SharedPostgres.PASSWORD);
        new TenantSchemas(db).migratePlatform();
        DemoTenant.ensure(db);
        int httpPort = PayaraMicroNode.freePort();
        int hazelcastPort = PayaraMicroNode.freePort();
        node = PayaraMicroNode.start(new PayaraMicroNode.Options("outage", Path.of(System.getProperty("payara.microJar")),
                List.of(Path.of(System.getProperty("ticketing.storefront.war"))), httpPort, hazelcastPort,
                List.of(hazelcastPort), "outage-" + ProcessHandle.current().pid(),
                Map.of("ticketing.db.url", url, "ticketing.db.user", SharedPostgres.USER,
                        "ticketing.db.password", SharedPostgres.PASSWORD),
                Files.createTempDirectory("outage-node"), "512m"));
        node.awaitReady(shop(), Duration.ofMinutes(3));
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
    void shopsSay503WhileTheDatabaseIsDownAndRecoverWhenItIsBack() throws Exception {
        assertThat(get().statusCode()).isEqualTo(200);

        postgres.close();
        postgres = null;
        HttpResponse<String> down = get();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("Temporarily unavailable").doesNotContain("Exception")
                .doesNotContain(DemoTenant.LISTED_TITLES.get(0));

        postgres = startPostgres();
        HttpResponse<String> back = get();
        for (int attempt = 0; attempt < 20 && back.statusCode() != 200; attempt++) {
            Thread.sleep(500);
            back = get();
        }
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains(DemoTenant.LISTED_TITLES.get(0));
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

    private HttpResponse<String> get() throws Exception {
        return http.send(HttpRequest.newBuilder(shop()).timeout(Duration.ofSeconds(20)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
