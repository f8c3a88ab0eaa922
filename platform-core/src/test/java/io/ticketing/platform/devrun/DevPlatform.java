package io.ticketing.platform.devrun;

import io.ticketing.platform.infrastructure.tenancy.TenantSchemas;
import io.ticketing.platform.testsupport.DemoTenant;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Starts the whole platform on embedded defaults: PostgreSQL (real server binaries from Maven
 * Central, data kept in {@code .data/postgres}) unless {@code ticketing.db.url} is configured, the
 * demo tenant, and one or two Payara Micro nodes with both WARs, joined by Hazelcast on loopback.
 * Ctrl-C stops everything it started.
 *
 * <p>Settings (system properties, or the environment variables in brackets): ticketing.nodes (1),
 * ticketing.port (8080; node 2 takes the next port), ticketing.db.url [TICKETING_DB_URL],
 * ticketing.db.user [TICKETING_DB_USER], ticketing.db.password [TICKETING_DB_PASSWORD],
 * ticketing.db.port (15432, the embedded server's port).
 */
public final class DevPlatform {

    private static final int HAZELCAST_BASE_PORT = 26900;

    private final Path home;
    private final List<PayaraMicroNode> nodes = new ArrayList<>();
    private EmbeddedPostgres embedded;

    private DevPlatform(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("ticketing.home", ".")).toAbsolutePath().normalize();
        DevPlatform platform = new DevPlatform(home);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "ticketing-shutdown"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("\nThe platform did not start: " + e.getMessage());
            platform.stop();
            System.exit(1);
        }
        platform.awaitNodes();
    }

    private void start() throws IOException {
        long started = System.nanoTime();
        int nodeCount = Integer.getInteger("ticketing.nodes", 1);
        int httpPort = Integer.getInteger("ticketing.port", 8080);
        Path data = home.resolve(".data");
        Files.createDirectories(data);

        String url = setting("ticketing.db.url", "TICKETING_DB_URL", null);
        String user = setting("ticketing.db.user", "TICKETING_DB_USER", SharedPostgres.USER);
        String password = setting("ticketing.db.password", "TICKETING_DB_PASSWORD", SharedPostgres.PASSWORD);
        if (url == null) {
            int dbPort = Integer.getInteger("ticketing.db.port", 15432);
            PayaraMicroNode.requireFreePort(dbPort, "embedded PostgreSQL port");
            System.out.println("Starting PostgreSQL (embedded, data in " + home.relativize(data.resolve("postgres")) + ") ...");
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(data.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(dbPort)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            url = "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
        }
        DataSource dataSource = SharedPostgres.dataSource(url, user, password);
        new TenantSchemas(dataSource).migratePlatform();
        DemoTenant.ensure(dataSource);

        Path microJar = Path.of(System.getProperty("payara.microJar"));
        List<Path> wars = Arrays.stream(System.getProperty("ticketing.wars").split(",")).map(Path::of).toList();
        List<Integer> clusterPorts = IntStream.range(0, nodeCount).mapToObj(i -> HAZELCAST_BASE_PORT + i).toList();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ticketing.db.url", url);
        props.put("ticketing.db.user", user);
        props.put("ticketing.db.password", password);
        for (int i = 0; i < nodeCount; i++) {
            String name = "node" + (i + 1);
            System.out.println("Starting Payara Micro " + name + " on port " + (httpPort + i) + " ...");
            nodes.add(PayaraMicroNode.start(new PayaraMicroNode.Options(name, microJar, wars, httpPort + i,
                    clusterPorts.get(i), clusterPorts, "ticketing-dev", props, data.resolve(name), "1g")));
        }
        for (PayaraMicroNode node : nodes) {
            node.awaitReady(URI.create("http://127.0.0.1:" + node.httpPort() + "/t/demo/"), Duration.ofMinutes(4));
        }
        printBanner(url, user, Duration.ofNanos(System.nanoTime() - started));
    }

    private void printBanner(String url, String user, Duration startup) {
        int port = nodes.get(0).httpPort();
        StringBuilder banner = new StringBuilder()
                .append("\n=== Ticketing platform is up (").append(nodes.size()).append(" node")
                .append(nodes.size() > 1 ? "s" : "").append(", ready in ")
                .append(startup.toMillis() / 1000.0).append(" s) ===\n")
                .append("  Demo storefront:        http://localhost:").append(port).append("/t/demo/\n")
                .append("  Demo shop by host name: http://").append(DemoTenant.HOST).append(':').append(port).append("/\n")
                .append("  Operator API health:    http://localhost:").append(port).append("/operator/api/health\n");
        for (int i = 1; i < nodes.size(); i++) {
            banner.append("  Node ").append(i + 1).append(" storefront:      http://localhost:")
                    .append(nodes.get(i).httpPort()).append("/t/demo/\n");
        }
        banner.append("  PostgreSQL:             ").append(url).append(" (user ").append(user).append(")\n");
        for (PayaraMicroNode node : nodes) {
            banner.append("  Log of ").append(node.name()).append(":          ").append(home.relativize(node.log())).append('\n');
        }
        banner.append("Press Ctrl-C to stop everything.\n");
        System.out.println(banner);
    }

    private void awaitNodes() throws InterruptedException {
        for (PayaraMicroNode node : List.copyOf(nodes)) {
            int exit = node.process().waitFor();
            System.out.println(node.name() + " exited (" + exit + "); see " + node.log());
        }
    }

    private synchronized void stop() {
        for (PayaraMicroNode node : nodes) {
            if (node.isAlive()) {
                System.out.println("Stopping " + node.name() + " (pid " + node.pid() + ") ...");
                node.stop();
            }
        }
        nodes.clear();
        if (embedded != null) {
            System.out.println("Stopping PostgreSQL ...");
            try {
                embedded.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL stop reported: " + e.getMessage());
            }
            embedded = null;
        }
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
