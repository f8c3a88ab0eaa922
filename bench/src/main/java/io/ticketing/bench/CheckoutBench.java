package io.ticketing.bench;

import static io.ticketing.bench.BenchPlatform.base;
import static io.ticketing.bench.BenchPlatform.round;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkout throughput on two Payara Micro nodes over HTTP: each buyer holds one ticket
 * ({@code POST /api/holds}), places an order for it ({@code POST /api/orders} with an
 * Idempotency-Key), and the sandbox provider's signed callback pays it ({@code POST
 * /api/payments/callback/sandbox}), alternating nodes, bench.concurrency (32) at a time, for
 * bench.checkouts (2,000) checkouts after a warm-up. Paid orders and issued tickets are counted in
 * the database. Writes bench/results/checkout.json and prints a Markdown table.
 */
public final class CheckoutBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HOLD_ID = Pattern.compile("\"holdId\":\"([^\"]+)\"");
    private static final Pattern PAYMENT_REF = Pattern.compile("\"paymentUrl\":\"[^\"]*/(sbx_[0-9a-f]+)\"");
    private static final Money PRICE = Money.ofMinor(4900, "EUR");

    public static void main(String[] args) throws Exception {
        int checkouts = Integer.getInteger("bench.checkouts", 2_000);
        int concurrency = Integer.getInteger("bench.concurrency", 32);
        int accounts = Integer.getInteger("bench.accounts", 100);
        try (BenchPlatform platform = new BenchPlatform("checkout", accounts)) {
            long type = platform.ticketType("Checkout", 1_000_000);
            List<PayaraMicroNode> nodes = platform.startNodes("checkout", Map.of());
            try {
                // The first orders set the shop's sandbox up (and warm the nodes); then paid warm-up checkouts.
                run(platform, nodes, type, "warm", Math.min(300, checkouts), concurrency, null);
                String secret = sandboxSecret(platform);
                run(platform, nodes, type, "warm2", Math.min(300, checkouts), concurrency, secret);
                long paidBefore = paidOrders(platform);
                long[] cpuBefore = platform.cpu(nodes);
                Run result = run(platform, nodes, type, "main", checkouts, concurrency, secret);
                long[] cpuAfter = platform.cpu(nodes);
                long paid = paidOrders(platform) - paidBefore;
                Map<String, Object> row = row(platform, result, paid, BenchPlatform.cpuSeconds(cpuBefore, cpuAfter));
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("checkouts", checkouts);
                settings.put("concurrency", concurrency);
                settings.put("buyer_accounts", accounts);
                Path file = BenchPlatform.writeJson("checkout", settings, List.of(row));
                printTable(row);
                System.out.println("Written to " + file);
            } finally {
                nodes.forEach(PayaraMicroNode::stop);
            }
        }
    }

    /** The run's figures, and what the database says was paid and issued. */
    private static Map<String, Object> row(BenchPlatform platform, Run result, long paid, Object cpu) throws Exception {
        long tickets = platform.count("SELECT count(*) FROM " + BenchPlatform.SCHEMA + ".ticket t JOIN " + BenchPlatform.SCHEMA
                + ".customer_order o ON o.id = t.order_id WHERE o.idempotency_key LIKE 'bench-main-%'");
        long overIssued = platform.count("SELECT count(*) FROM (SELECT order_id FROM " + BenchPlatform.SCHEMA
                + ".ticket GROUP BY order_id HAVING count(*) > 1) x");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "checkout: hold, order, signed callback, PAID");
        row.put("checkouts_per_s", round(result.completed.get() / result.seconds()));
        row.put("p50_ms", round(Percentiles.of(result.total, 50, 0.0)));
        row.put("p95_ms", round(Percentiles.of(result.total, 95, 0.0)));
        row.put("p99_ms", round(Percentiles.of(result.total, 99, 0.0)));
        row.put("hold_p50_ms", round(Percentiles.of(result.hold, 50, 0.0)));
        row.put("order_p50_ms", round(Percentiles.of(result.order, 50, 0.0)));
        row.put("callback_p50_ms", round(Percentiles.of(result.callback, 50, 0.0)));
        row.put("completed", result.completed.get());
        row.put("errors", result.errors);
        row.put("paid_in_db", paid);
        row.put("tickets_in_db", tickets);
        row.put("orders_with_more_tickets_than_seats", overIssued);
        row.put("cpu_s", cpu);
        System.out.println("checkout " + row);
        return row;
    }

    private static void printTable(Map<String, Object> row) {
        @SuppressWarnings("unchecked")
        Map<String, Object> cpu = (Map<String, Object>) row.get("cpu_s");
        System.out.printf("%n| checkouts/s | p50 ms | p95 ms | p99 ms | hold / order / callback p50 ms | errors | paid | tickets |"
                        + " CPU s nodes / PostgreSQL / load gen |%n| ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | --- |%n"
                        + "| %.0f | %.1f | %.1f | %.1f | %s / %s / %s | %s | %s | %s | %s / %s / %s |%n",
                (Double) row.get("checkouts_per_s"), (Double) row.get("p50_ms"), (Double) row.get("p95_ms"), (Double) row.get("p99_ms"),
                row.get("hold_p50_ms"), row.get("order_p50_ms"), row.get("callback_p50_ms"),
                ((Map<?, ?>) row.get("errors")).isEmpty() ? "0" : row.get("errors"),
                row.get("paid_in_db"), row.get("tickets_in_db"), cpu.get("nodes"), cpu.get("postgres"), cpu.get("load_generator"));
    }

    private static long paidOrders(BenchPlatform platform) throws Exception {
        return platform.count("SELECT count(*) FROM " + BenchPlatform.SCHEMA + ".customer_order WHERE status = 'PAID'");
    }

    /** The shop's sandbox signing secret, as the sandbox's own server knows it. */
    private static String sandboxSecret(BenchPlatform platform) throws Exception {
        String sealed = platform.text("SELECT sealed_credentials FROM " + BenchPlatform.SCHEMA + ".payment_settings WHERE provider = 'sandbox'");
        String json = new SecretBox(platform.masterKey).open("flash", sealed);
        Matcher m = Pattern.compile("\"webhookSecret\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no sandbox secret");
        }
        return m.group(1);
    }

    /** What one run saw: per-step and whole-checkout latencies, errors by kind, wall time. */
    static final class Run {
        final List<Double> hold = Collections.synchronizedList(new ArrayList<>());
        final List<Double> order = Collections.synchronizedList(new ArrayList<>());
        final List<Double> callback = Collections.synchronizedList(new ArrayList<>());
        final List<Double> total = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger completed = new AtomicInteger();
        final Map<String, Integer> errors = new ConcurrentHashMap<>();
        long startNanos;
        long endNanos;

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    /** Checkouts; with {@code secret} null the orders are placed but left unpaid. */
    private static Run run(BenchPlatform platform, List<PayaraMicroNode> nodes, long type, String label, int count, int concurrency,
                           String secret) throws InterruptedException {
        Run run = new Run();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        run.startNanos = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    try {
                        checkout(platform, nodes, type, label, i, secret, run);
                    } catch (Exception | Error e) {
                        run.errors.merge(e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                                1, Integer::sum);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        run.endNanos = System.nanoTime();
        return run;
    }

    private static void checkout(BenchPlatform platform, List<PayaraMicroNode> nodes, long type, String label, int i, String secret, Run run)
            throws Exception {
        String token = platform.tokens.get(i % platform.tokens.size());
        long t0 = System.nanoTime();
        HttpResponse<String> hold = send(nodes.get(i % 2), "api/holds", token, null, "{\"ticketTypeId\": " + type + ", \"quantity\": 1}", null,
                BenchPlatform.clientAddress(i));
        long t1 = System.nanoTime();
        String holdId = find(HOLD_ID, hold, "hold", 201);
        HttpResponse<String> order = send(nodes.get((i + 1) % 2), "api/orders", token, "bench-" + label + "-" + i,
                "{\"holdIds\": [\"" + holdId + "\"]}", null, BenchPlatform.clientAddress(i));
        long t2 = System.nanoTime();
        String ref = find(PAYMENT_REF, order, "order", 201);
        if (secret == null) {
            return;
        }
        Instant now = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("bench-evt-" + label + "-" + i, "payment.paid", ref, PRICE, now);
        HttpResponse<String> paid = send(nodes.get(i % 2), "api/payments/callback/sandbox", null, null, new String(body),
                SandboxSignature.sign(secret, now, body), null);
        long t3 = System.nanoTime();
        if (paid.statusCode() != 200 || !paid.body().contains("paid: 1 ticket")) {
            throw new IllegalStateException("callback " + paid.statusCode() + " " + paid.body());
        }
        run.hold.add((t1 - t0) / 1e6);
        run.order.add((t2 - t1) / 1e6);
        run.callback.add((t3 - t2) / 1e6);
        run.total.add((t3 - t0) / 1e6);
        run.completed.incrementAndGet();
    }

    private static String find(Pattern pattern, HttpResponse<String> response, String step, int status) {
        Matcher m = pattern.matcher(response.body());
        if (response.statusCode() != status || !m.find()) {
            throw new IllegalStateException(step + " " + response.statusCode() + " "
                    + response.body().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"));
        }
        return m.group(1);
    }

    /** A JSON POST to the bench shop by its host name, with the headers given (null: left out). */
    static HttpResponse<String> send(PayaraMicroNode node, String path, String token, String key, String body, String signature,
                                     String clientAddress) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node) + path)).header("Host", BenchPlatform.SHOP_HOST)
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (signature != null) {
            request.header(SandboxSignature.HEADER, signature);
        }
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
