package io.ticketing.bench;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakServer;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.stock.StockStrategy;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.tenancy.TenantRegistry;
import io.ticketing.platform.infrastructure.tenancy.TenantSchemas;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * A flash sale on two Payara Micro nodes over HTTP, once per stock strategy, in one run: buyers
 * (bench.buyers, 10,000) race for one ticket type of capacity bench.capacity (5,000) through
 * {@code POST /api/holds}, bench.concurrency (64) at a time, spread over both nodes. Each strategy
 * gets fresh nodes started with {@code ticketing.stock.strategy} and a warm-up on another ticket
 * type. Oversold tickets are counted in the database, not by the engine. In the same run, on the
 * same PostgreSQL, pgbench measures the raw references: one hot stock row updated plus an order
 * inserted per sale, and the insert alone. CPU seconds per process during each sale show what bounds it.
 *
 * <p>Writes bench/results/flash-sale.json and prints a Markdown table.
 */
public final class FlashSaleBench {

    private static final String PASSWORD = "bench-buyer-pass-1";
    private static final String MASTER_KEY = SecretBox.newMasterKey();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    /** Buyers reach the shop by its own host name, the production route (/t/{slug}/ is for previews). */
    private static final String SHOP_HOST = "flash.bench.test";

    public static void main(String[] args) throws Exception {
        int buyers = Integer.getInteger("bench.buyers", 10_000);
        int capacity = Integer.getInteger("bench.capacity", 5_000);
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int accounts = Integer.getInteger("bench.accounts", 100);
        int pgbenchSeconds = Integer.getInteger("bench.pgbench.seconds", 15);
        List<StockStrategy> strategies = Arrays.stream(System.getProperty("bench.strategies",
                "SLOTS,MAP_LOCK,PESSIMISTIC_DB,OPTIMISTIC_DB").split(",")).map(String::strip).map(StockStrategy::valueOf).toList();
        Path work = Files.createTempDirectory("bench-flash-sale");
        Path keycloakHome = Path.of(System.getProperty("bench.keycloak.home", "target/bench-keycloak"));

        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "250")
                // zonky turns durability off by default; a sale is only made when it is on disk
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setDataDirectory(work.resolve("pg")).start();
        DataSource db = pg.getPostgresDatabase();
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
        KeycloakServer.Endpoint kc = KeycloakServer.start(Path.of(System.getProperty("keycloak.dist")), keycloakHome,
                KeycloakServer.freePort(), KeycloakServer.freePort(), true, ProcessHandle.current().pid(), Duration.ofMinutes(5));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Keycloak admin = KeycloakUsers.admin(kc.baseUrl(), KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD)) {
            new TenantSchemas(db).migratePlatform();
            TenantRegistry registry = new TenantRegistry(db);
            Tenant tenant = new TenantProvisioning(registry, new TenantSchemas(db))
                    .provision(new NewTenant(new TenantSlug("flash"), "Flash Sale Arena", List.of(SHOP_HOST), null));
            String secret = "bench-storefront-secret";
            registry.storeSealedStorefrontSecretIfAbsent(tenant.slug(), new SecretBox(MASTER_KEY).seal("flash", secret));
            TenantRealmTemplate template = new TenantRealmTemplate("flash", tenant.displayName(), "#333333", List.of(),
                    "http://127.0.0.1", secret, true, IdentityTestSettings.PASSWORD_POLICY, null);
            RealmRepresentation realm = JsonSerialization.readValue(template.toJson(), RealmRepresentation.class);
            realm.setAccessTokenLifespan(3 * 3600); // tokens fetched once must outlive the whole run
            admin.realms().create(realm);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                String email = "buyer-" + i + "@flash.test";
                KeycloakUsers.ensure(admin, template.realmName(), email, PASSWORD);
                tokens.add(IdentityTestSettings.token(kc.baseUrl(), template.realmName(), "storefront", secret, email, PASSWORD));
            }
            CatalogFixtures catalog = new CatalogFixtures(db, tenant);
            long venue = catalog.venue("Arena", "Oslo", "NO", ZoneId.of("Europe/Oslo"));

            for (StockStrategy strategy : strategies) {
                long hot = ticketType(db, catalog, venue, "Hot " + strategy, capacity);
                long warm = ticketType(db, catalog, venue, "Warm-up " + strategy, 1_000_000);
                Map<String, String> props = new LinkedHashMap<>(IdentityTestSettings.nodeProperties(kc.baseUrl(),
                        KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD, "unused", "ops@bench.test", "unused-pass-1", MASTER_KEY));
                props.put("ticketing.db.url", jdbcUrl);
                props.put("ticketing.db.user", "postgres");
                props.put("ticketing.db.password", "postgres");
                props.put("ticketing.stock.strategy", strategy.name());
                int hz1 = PayaraMicroNode.freePort();
                int hz2 = PayaraMicroNode.freePort();
                List<PayaraMicroNode> nodes = new ArrayList<>();
                try {
                    for (int n = 0; n < 2; n++) {
                        nodes.add(PayaraMicroNode.start(new PayaraMicroNode.Options("flash" + (n + 1),
                                Path.of(System.getProperty("payara.microJar")), List.of(Path.of(System.getProperty("ticketing.storefront.war"))),
                                PayaraMicroNode.freePort(), n == 0 ? hz1 : hz2, List.of(hz1, hz2), "flash-" + strategy + "-" + ProcessHandle.current().pid(),
                                props, work.resolve(strategy + "-node" + (n + 1)), "768m")));
                    }
                    for (PayaraMicroNode node : nodes) {
                        node.awaitReady(URI.create(base(node) + "t/flash/api/events"), Duration.ofMinutes(4));
                    }
                    awaitCluster(nodes);
                    sale(nodes, tokens, warm, Math.min(2_000, buyers), concurrency); // JIT, pools, ledger load
                    long[] cpuBefore = cpu(nodes, pg);
                    Sale result = sale(nodes, tokens, hot, buyers, concurrency);
                    long[] cpuAfter = cpu(nodes, pg);
                    long held = count(db, "SELECT count(*) FROM tenant_flash.hold_slot WHERE ticket_type_id = " + hot);
                    long distinct = count(db, "SELECT count(DISTINCT coalesce(slot, -1)) FROM tenant_flash.hold_slot WHERE ticket_type_id = " + hot);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", strategy.name());
                    row.put("holds_per_s", round(result.held.get() / result.secondsToLastHold()));
                    row.put("requests_per_s", round(result.latencies.size() / result.seconds()));
                    row.put("p50_ms", round(Percentiles.of(result.latencies, 50, 0.0)));
                    row.put("p95_ms", round(Percentiles.of(result.latencies, 95, 0.0)));
                    row.put("p99_ms", round(Percentiles.of(result.latencies, 99, 0.0)));
                    row.put("held", result.held.get());
                    row.put("sold_out_answers", result.soldOut.get());
                    row.put("errors", result.errors);
                    row.put("oversold", Math.max(0, held - capacity));
                    row.put("rows_in_db", held);
                    row.put("distinct_slots_in_db", strategy.numbersSlots() ? distinct : null);
                    row.put("cpu_s", Map.of("nodes", (cpuAfter[0] - cpuBefore[0]) / (double) CLOCK_TICKS,
                            "postgres", (cpuAfter[1] - cpuBefore[1]) / (double) CLOCK_TICKS,
                            "load_generator", (cpuAfter[2] - cpuBefore[2]) / (double) CLOCK_TICKS));
                    rows.add(row);
                    System.out.println("strategy " + row);
                } finally {
                    nodes.forEach(PayaraMicroNode::stop);
                }
            }
            rows.addAll(pgbenchReferences(pg, work, pgbenchSeconds));
            write(rows, buyers, capacity, concurrency, accounts);
        } finally {
            KeycloakServer.stop(keycloakHome);
            pg.close();
        }
    }

    /** What one sale saw: per-request latency, outcome counts by kind, wall time. */
    static final class Sale {
        final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger soldOut = new AtomicInteger();
        final Map<String, Integer> errors = new ConcurrentHashMap<>();
        final AtomicLong lastHoldNanos = new AtomicLong();
        long startNanos;
        long endNanos;

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double secondsToLastHold() {
            return Math.max(1, lastHoldNanos.get() - startNanos) / 1e9;
        }
    }

    private static Sale sale(List<PayaraMicroNode> nodes, List<String> tokens, long type, int buyers, int concurrency)
            throws InterruptedException {
        Sale sale = new Sale();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        String body = "{\"ticketTypeId\": " + type + ", \"quantity\": 1}";
        sale.startNanos = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < buyers) {
                    PayaraMicroNode node = nodes.get(i % nodes.size());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base(node) + "api/holds")).header("Host", SHOP_HOST)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        sale.latencies.add((t1 - t0) / 1e6);
                        if (r.statusCode() == 201) {
                            sale.held.incrementAndGet();
                            sale.lastHoldNanos.accumulateAndGet(t1, Math::max);
                        } else if (r.statusCode() == 409 && r.body().contains("\"sold_out\"")) {
                            sale.soldOut.incrementAndGet();
                        } else {
                            String kind = r.statusCode() + " " + r.body().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1");
                            sale.errors.merge(kind.length() > 60 ? kind.substring(0, 60) : kind, 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        sale.latencies.add((System.nanoTime() - t0) / 1e6);
                        sale.errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        sale.endNanos = System.nanoTime();
        return sale;
    }

    /** pgbench on the same server: one hot row per sale (update + insert), and the insert alone. */
    private static List<Map<String, Object>> pgbenchReferences(EmbeddedPostgres pg, Path work, int seconds) throws Exception {
        Path pgbench = Path.of(System.getProperty("bench.pgbench", "/usr/bin/pgbench"));
        if (!Files.isExecutable(pgbench)) {
            System.out.println("pgbench not found at " + pgbench + " (Debian: apt-get install postgresql-client); references skipped");
            return List.of();
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ref_stock, ref_order");
            s.execute("CREATE TABLE ref_stock (id int PRIMARY KEY, remaining int NOT NULL)");
            s.execute("CREATE TABLE ref_order (id bigserial PRIMARY KEY, ticket_type_id int NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO ref_stock VALUES (1, 1000000000)");
        }
        Path hotRow = work.resolve("hot-row.sql");
        Files.writeString(hotRow, """
                BEGIN;
                UPDATE ref_stock SET remaining = remaining - 1 WHERE id = 1 AND remaining > 0;
                INSERT INTO ref_order (ticket_type_id) VALUES (1);
                COMMIT;
                """);
        Path insertOnly = work.resolve("insert-only.sql");
        Files.writeString(insertOnly, "INSERT INTO ref_order (ticket_type_id) VALUES (1);\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(pgbench(pgbench, pg.getPort(), hotRow, "pgbench hot row: UPDATE stock + INSERT order", work, seconds));
        rows.add(pgbench(pgbench, pg.getPort(), insertOnly, "pgbench INSERT order only", work, seconds));
        return rows;
    }

    private static Map<String, Object> pgbench(Path pgbench, int port, Path script, String name, Path work, int seconds) throws Exception {
        Path logs = Files.createDirectories(work.resolve("pgbench-" + script.getFileName()));
        ProcessBuilder builder = new ProcessBuilder(pgbench.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", "-n", "-c", "16", "-j", "2", "-T", Integer.toString(seconds), "-l",
                "--log-prefix=" + logs.resolve("tx"), "-f", script.toString(), "postgres")
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        double tps = Double.parseDouble(out.replaceAll("(?s).*tps = ([0-9.]+).*", "$1"));
        List<Double> latencies = new ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                for (String line : Files.readAllLines(log)) {
                    latencies.add(Long.parseLong(line.split(" ")[2]) / 1000.0); // microseconds
                }
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("holds_per_s", round(tps));
        row.put("requests_per_s", round(tps));
        row.put("p50_ms", round(Percentiles.of(latencies, 50, 0.0)));
        row.put("p95_ms", round(Percentiles.of(latencies, 95, 0.0)));
        row.put("p99_ms", round(Percentiles.of(latencies, 99, 0.0)));
        row.put("errors", Map.of());
        row.put("oversold", 0);
        row.put("clients", 16);
        System.out.println("reference " + row);
        return row;
    }

    private static long ticketType(DataSource db, CatalogFixtures catalog, long venue, String name, int capacity) throws Exception {
        long event = catalog.eventOnSale(venue, name, "Bench", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "EUR", name, 4900);
        long type = count(db, "SELECT id FROM tenant_flash.ticket_type WHERE event_id = " + event);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tenant_flash.ticket_type SET capacity = " + capacity + ", max_per_order = 10 WHERE id = " + type);
        }
        return type;
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void awaitCluster(List<PayaraMicroNode> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.stream().anyMatch(n -> n.logTail(100_000).contains("DG Size: 2"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The nodes did not form a cluster");
    }

    private static String base(PayaraMicroNode node) {
        return "http://127.0.0.1:" + node.httpPort() + "/";
    }

    /** CPU clock ticks so far: both nodes, PostgreSQL (postmaster and backends), and this JVM. */
    private static long[] cpu(List<PayaraMicroNode> nodes, EmbeddedPostgres pg) {
        long nodeTicks = nodes.stream().mapToLong(n -> treeTicks(ProcessHandle.of(n.pid()).orElseThrow())).sum();
        long pgTicks = ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && h.parent().map(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).orElse(true))
                .mapToLong(FlashSaleBench::ticks).sum();
        return new long[] {nodeTicks, pgTicks, ticks(ProcessHandle.current())};
    }

    private static long treeTicks(ProcessHandle handle) {
        return ticks(handle) + handle.descendants().mapToLong(FlashSaleBench::ticks).sum();
    }

    /** utime + stime of a process from /proc (0 if it is gone). */
    private static long ticks(ProcessHandle handle) {
        try {
            String stat = Files.readString(Path.of("/proc/" + handle.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception gone) {
            return 0;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void write(List<Map<String, Object>> rows, int buyers, int capacity, int concurrency, int accounts) throws Exception {
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"flash-sale\",\n");
        json.append("  \"date\": \"").append(Instant.now()).append("\",\n");
        json.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        json.append("  \"buyers\": ").append(buyers).append(", \"capacity\": ").append(capacity)
                .append(", \"concurrency\": ").append(concurrency).append(", \"buyer_accounts\": ").append(accounts).append(",\n");
        json.append("  \"setup\": \"2 Payara Micro 6.2025.10 nodes (Hazelcast on loopback), PostgreSQL 17 embedded (fsync on, synchronous_commit on), load generator in the same machine\",\n");
        json.append("  \"results\": [\n");
        StringBuilder table = new StringBuilder("| strategy / reference | holds/s | p50 ms | p95 ms | p99 ms | errors | oversold | CPU s nodes / PostgreSQL / load gen |\n"
                + "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            json.append("    ").append(toJson(r)).append(i + 1 < rows.size() ? ",\n" : "\n");
            @SuppressWarnings("unchecked")
            Map<String, Object> cpu = (Map<String, Object>) r.get("cpu_s");
            table.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %s | %s | %s |%n", r.get("name"), (Double) r.get("holds_per_s"),
                    (Double) r.get("p50_ms"), (Double) r.get("p95_ms"), (Double) r.get("p99_ms"),
                    ((Map<?, ?>) r.get("errors")).isEmpty() ? "0" : r.get("errors").toString(), r.get("oversold"),
                    cpu == null ? "" : cpu.get("nodes") + " / " + cpu.get("postgres") + " / " + cpu.get("load_generator")));
        }
        json.append("  ]\n}\n");
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("flash-sale.json"), json);
        System.out.println("\n" + table);
        System.out.println("Written to " + dir.resolve("flash-sale.json"));
    }

    private static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + toJson(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
