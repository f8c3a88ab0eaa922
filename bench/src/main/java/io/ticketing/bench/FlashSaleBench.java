package io.ticketing.bench;

import static io.ticketing.bench.BenchPlatform.base;
import static io.ticketing.bench.BenchPlatform.round;

import io.ticketing.platform.domain.stock.StockStrategy;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
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

/**
 * A flash sale on Payara Micro nodes over HTTP (bench.nodes: 2, or e.g. 1,2 for one node and then two), once per
 * stock strategy, in one run: distinct buyers (bench.buyers, 10,000, an account and a client address each; with
 * bench.accounts below that they share accounts and the per-buyer limits are lifted) race for one ticket type of
 * capacity bench.capacity (5,000) through
 * {@code POST /api/holds}, bench.concurrency (64) at a time, spread over both nodes. Each strategy
 * gets fresh nodes started with {@code ticketing.stock.strategy} and a warm-up on another ticket
 * type. Oversold tickets are counted in the database, not by the engine. In the same run, on the
 * same PostgreSQL, pgbench measures the raw references: one hot stock row updated plus an order
 * inserted per sale, and the insert alone. CPU seconds per process during each sale show what bounds it.
 *
 * <p>Writes bench/results/flash-sale.json and prints a Markdown table.
 */
public final class FlashSaleBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int buyers = Integer.getInteger("bench.buyers", 10_000);
        int capacity = Integer.getInteger("bench.capacity", 5_000);
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        // one account per buyer by default: every buyer is distinct, and the per-buyer limits stay at the platform's defaults
        int accounts = Integer.getInteger("bench.accounts", buyers);
        int pgbenchSeconds = Integer.getInteger("bench.pgbench.seconds", 15);
        List<Integer> nodeCounts = Arrays.stream(System.getProperty("bench.nodes", "2").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        List<StockStrategy> strategies = Arrays.stream(System.getProperty("bench.strategies",
                "SLOTS,MAP_LOCK,PESSIMISTIC_DB,OPTIMISTIC_DB").split(",")).map(String::strip).map(StockStrategy::valueOf).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BenchPlatform platform = new BenchPlatform("flash-sale", accounts)) {
            platform.liftBuyerLimits = accounts < buyers;
            for (StockStrategy strategy : strategies) {
                for (int nodeCount : nodeCounts) {
                    long hot = platform.ticketType("Hot " + strategy + " " + nodeCount, capacity);
                    long warm = platform.ticketType("Warm-up " + strategy + " " + nodeCount, 1_000_000);
                    List<PayaraMicroNode> nodes = platform.startNodes("flash-" + strategy + "-" + nodeCount,
                            Map.of("ticketing.stock.strategy", strategy.name()), nodeCount);
                    try {
                        // JIT, pools, ledger load; by the last 2,000 buyers, so that the sale's buyers each hold once
                        sale(nodes, platform.tokens, warm, buyers - Math.min(2_000, buyers), buyers, concurrency);
                        Map<String, Object> row = measure(platform, nodes, strategy, hot, capacity, buyers, concurrency);
                        row.put("nodes", nodeCount);
                        if (nodeCounts.size() > 1) {
                            row.put("name", strategy.name() + ", " + nodeCount + (nodeCount == 1 ? " node" : " nodes"));
                        }
                        rows.add(row);
                    } finally {
                        nodes.forEach(PayaraMicroNode::stop);
                    }
                }
            }
            rows.addAll(pgbenchReferences(platform.pg, platform.work, pgbenchSeconds));
            write(rows, buyers, capacity, concurrency, accounts);
        }
    }

    /** One strategy's sale of the hot ticket type, and what the database holds after it. */
    private static Map<String, Object> measure(BenchPlatform platform, List<PayaraMicroNode> nodes, StockStrategy strategy,
                                               long hot, int capacity, int buyers, int concurrency) throws Exception {
        long[] cpuBefore = platform.cpu(nodes);
        Sale result = sale(nodes, platform.tokens, hot, 0, buyers, concurrency);
        long[] cpuAfter = platform.cpu(nodes);
        long held = platform.count("SELECT count(*) FROM " + BenchPlatform.SCHEMA + ".hold_slot WHERE ticket_type_id = " + hot);
        long distinct = platform.count("SELECT count(DISTINCT coalesce(slot, -1)) FROM " + BenchPlatform.SCHEMA
                + ".hold_slot WHERE ticket_type_id = " + hot);
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
        row.put("cpu_s", BenchPlatform.cpuSeconds(cpuBefore, cpuAfter));
        System.out.println("strategy " + row);
        return row;
    }

    /** What one sale saw: per-request latency, outcome counts by kind, wall time. */
    static final class Sale {

        /** Sends one hold and counts what came back. */
        void record(HttpRequest request) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                long t1 = System.nanoTime();
                latencies.add((t1 - t0) / 1e6);
                if (r.statusCode() == 201) {
                    held.incrementAndGet();
                    lastHoldNanos.accumulateAndGet(t1, Math::max);
                } else if (r.statusCode() == 409 && r.body().contains("\"sold_out\"")) {
                    soldOut.incrementAndGet();
                } else {
                    String kind = r.statusCode() + " " + r.body().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1");
                    errors.merge(kind.length() > 60 ? kind.substring(0, 60) : kind, 1, Integer::sum);
                }
            } catch (Exception e) {
                latencies.add((System.nanoTime() - t0) / 1e6);
                errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        }

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

    /** Buyers {@code first} to {@code end - 1} each send one hold, {@code concurrency} at a time, alternating nodes. */
    private static Sale sale(List<PayaraMicroNode> nodes, List<String> tokens, long type, int first, int end, int concurrency)
            throws InterruptedException {
        int buyers = end;
        Sale sale = new Sale();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger(first);
        String body = "{\"ticketTypeId\": " + type + ", \"quantity\": 1}";
        sale.startNanos = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < buyers) {
                    PayaraMicroNode node = nodes.get(i % nodes.size());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base(node) + "api/holds")).header("Host", BenchPlatform.SHOP_HOST)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                            .header("X-Forwarded-For", BenchPlatform.clientAddress(i))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    sale.record(request);
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

    private static void write(List<Map<String, Object>> rows, int buyers, int capacity, int concurrency, int accounts) throws Exception {
        StringBuilder table = new StringBuilder("| strategy / reference | holds/s | p50 ms | p95 ms | p99 ms | errors | oversold | CPU s nodes / PostgreSQL / load gen |\n"
                + "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
        for (Map<String, Object> r : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cpu = (Map<String, Object>) r.get("cpu_s");
            table.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %s | %s | %s |%n", r.get("name"), (Double) r.get("holds_per_s"),
                    (Double) r.get("p50_ms"), (Double) r.get("p95_ms"), (Double) r.get("p99_ms"),
                    ((Map<?, ?>) r.get("errors")).isEmpty() ? "0" : r.get("errors").toString(), r.get("oversold"),
                    cpu == null ? "" : cpu.get("nodes") + " / " + cpu.get("postgres") + " / " + cpu.get("load_generator")));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("buyers", buyers);
        settings.put("capacity", capacity);
        settings.put("concurrency", concurrency);
        settings.put("buyer_accounts", accounts);
        Path file = BenchPlatform.writeJson("flash-sale", settings, rows, "Payara Micro 6.2025.10 nodes, fresh for each row (its"
                + " 'nodes'; several joined by Hazelcast on loopback, requests alternating), PostgreSQL 17 embedded (fsync on,"
                + " synchronous_commit on), Keycloak, load generator in the same machine");
        System.out.println("\n" + table);
        System.out.println("Written to " + file);
    }

}
