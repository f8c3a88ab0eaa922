package io.ticketing.bench;

import static io.ticketing.bench.BenchPlatform.round;

import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sales reports of {@code bench.orders} (100,000) paid orders, made end to end by a Payara Micro node whose heap is
 * capped at {@code bench.heap} (512m): for CSV, XLSX and PDF, a background job is queued as the finance page queues
 * it, and timed from the moment it is queued to the moment its file is stored in the database (claim, summary, every
 * line through the cursor, the writer, the file in 1 MiB chunks). The node's heap in use is sampled by {@code jstat}
 * every 250 ms; its peak is reported beside the cap. Orders are seeded in two currencies over 90 days, with sealed
 * buyer names in several scripts, a tenth with a coupon, every twentieth partly and every fiftieth fully refunded.
 * Writes bench/results/reports.json and prints a table.
 */
public final class ReportsBench {

    private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
    private static final String[] NAMES = {"Jörg Müßig", "张伟", "Ολυμπία Παπαδοπούλου", "Émile Zola", "李娜", "Ingrid Ødegård",
            "Сергей Иванов", "Zoë O'Brien", "王小明", "Ana María García"};

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 100_000);
        String heap = System.getProperty("bench.heap", "512m");
        try (BenchPlatform platform = new BenchPlatform("reports", 1)) {
            long seedStart = System.nanoTime();
            Map<String, Object> seeded = seed(platform, orders);
            seeded.put("seed_seconds", round((System.nanoTime() - seedStart) / 1e9));
            System.out.println("seeded " + seeded);
            List<PayaraMicroNode> nodes = platform.startNodes("reports", Map.of(), 1, heap);
            List<Map<String, Object>> rows = new ArrayList<>();
            try {
                PayaraMicroNode node = nodes.get(0);
                LocalDate today = LocalDate.now(ZONE);
                // warm-up: a day's report in each format loads and compiles what the big ones need
                for (String format : List.of("CSV", "XLSX", "PDF")) {
                    job(platform, node, format, today, today, "warm-up " + format);
                }
                for (String format : List.of("CSV", "XLSX", "PDF")) {
                    rows.add(job(platform, node, format, today.minusDays(100), today, format + ", all orders"));
                }
            } finally {
                nodes.forEach(PayaraMicroNode::stop);
            }
            Map<String, Object> run = new LinkedHashMap<>(seeded);
            run.put("orders", orders);
            run.put("node_heap_cap", heap);
            Path file = BenchPlatform.writeJson("reports", run, rows, "one Payara Micro 6.2025.10 node with -Xmx" + heap
                    + " (designed sections by JasperReports 7.0.6, order lines streamed: OpenPDF, POI SXSSF), PostgreSQL 17 embedded (fsync on) on the same 2-core machine;"
                    + " each report a background job queued by SQL as the finance page queues it, timed until its file is stored");
            System.out.printf("%n| report | lines | seconds (queued to stored) | file MB | node heap peak MB (cap %s) | CPU s node / PostgreSQL |%n"
                    + "| --- | ---: | ---: | ---: | ---: | --- |%n", heap);
            for (Map<String, Object> row : rows) {
                System.out.printf("| %s | %s | %s | %s | %s | %s |%n", row.get("name"), row.get("lines"), row.get("seconds"),
                        row.get("file_mb"), row.get("node_heap_peak_mb"), row.get("cpu_s"));
            }
            System.out.println("Written to " + file);
        }
    }

    /** Queues one report job of the period, waits until it is stored, and measures it. */
    private static Map<String, Object> job(BenchPlatform platform, PayaraMicroNode node, String format, LocalDate from, LocalDate to,
                                           String name) throws Exception {
        UUID id = UUID.randomUUID();
        String filter = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"zone\":\"" + ZONE.getId() + "\",\"events\":[],\"ticketTypes\":[]}";
        long[] cpuBefore = platform.cpu(List.of(node));
        try (HeapSampler heap = new HeapSampler(node.pid())) {
            try (Connection c = platform.db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + BenchPlatform.SCHEMA
                    + ".report_job (id, requested_by, format, locale, filter, expires_at) VALUES (?, 'bench', ?, 'en', ?::jsonb, now() + interval '1 day')")) {
                s.setObject(1, id);
                s.setString(2, format);
                s.setString(3, filter);
                s.executeUpdate();
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            String status = "QUEUED";
            while (System.nanoTime() < deadline && !status.equals("READY") && !status.equals("FAILED")) {
                Thread.sleep(250);
                status = platform.text("SELECT status FROM " + BenchPlatform.SCHEMA + ".report_job WHERE id = '" + id + "'");
            }
            long[] cpuAfter = platform.cpu(List.of(node));
            if (!"READY".equals(status)) {
                throw new IllegalStateException(name + ": " + status + " "
                        + platform.text("SELECT error FROM " + BenchPlatform.SCHEMA + ".report_job WHERE id = '" + id + "'"));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("format", format);
            row.put("lines", platform.count("SELECT rows_total FROM " + BenchPlatform.SCHEMA + ".report_job WHERE id = '" + id + "'"));
            row.put("seconds", round(platform.count("SELECT (extract(epoch FROM finished_at - created_at) * 1000)::bigint FROM "
                    + BenchPlatform.SCHEMA + ".report_job WHERE id = '" + id + "'") / 1000.0));
            row.put("file_mb", round(platform.count("SELECT file_bytes FROM " + BenchPlatform.SCHEMA + ".report_job WHERE id = '" + id + "'")
                    / 1048576.0));
            row.put("node_heap_peak_mb", round(heap.peakMb()));
            row.put("cpu_s", BenchPlatform.cpuSeconds(cpuBefore, cpuAfter));
            System.out.println(row);
            return row;
        }
    }

    /** The node's heap in use (survivor, eden and old spaces), sampled by one {@code jstat -gc} process every 250 ms. */
    private static final class HeapSampler implements AutoCloseable {
        private final Process jstat;
        private final AtomicLong peakKb = new AtomicLong();
        private final Thread reader;

        HeapSampler(long pid) throws Exception {
            jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc", Long.toString(pid), "250")
                    .redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 8 && !f[0].startsWith("S0")) {
                            // S0U, S1U, EU, OU (KB)
                            double used = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[5]) + Double.parseDouble(f[7]);
                            peakKb.accumulateAndGet((long) used, Math::max);
                        }
                    }
                } catch (Exception ended) {
                    // jstat stopped with the job
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        double peakMb() {
            return peakKb.get() / 1024.0;
        }

        @Override
        public void close() throws Exception {
            Thread.sleep(300); // one more sample after the end
            jstat.destroy();
            reader.join(2000);
        }
    }

    /** {@code orders} paid orders over the last 90 days, in batches; returns what was made and the database's totals. */
    private static Map<String, Object> seed(BenchPlatform platform, int orders) throws Exception {
        SecretBox box = new SecretBox(platform.masterKey);
        String slug = platform.tenant.slug().value();
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30);
        List<long[]> types = new ArrayList<>(); // {typeId, priceMinor, currency index}
        for (int e = 0; e < 10; e++) {
            String currency = e < 5 ? "EUR" : "CNY";
            long event = platform.catalog.eventOnSale(platform.venue, (e < 5 ? "Konzert " : "音乐会 ") + e, "Bench", starts.plusDays(e), currency,
                    "Standard", e < 5 ? 4900 : 38800, "Premium", e < 5 ? 8900 : 68800);
            try (Connection c = platform.db.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, price_minor FROM " + BenchPlatform.SCHEMA + ".ticket_type WHERE event_id = " + event + " ORDER BY id")) {
                while (r.next()) {
                    types.add(new long[] {r.getLong(1), r.getLong(2), e < 5 ? 0 : 1});
                }
            }
        }
        long coupon;
        try (Connection c = platform.db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("INSERT INTO " + BenchPlatform.SCHEMA + ".coupon (code, percent_off) VALUES ('BENCH10', 10) RETURNING id")) {
            r.next();
            coupon = r.getLong(1);
        }
        Instant now = Instant.now();
        try (Connection c = platform.db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement o = c.prepareStatement("INSERT INTO " + BenchPlatform.SCHEMA + ".customer_order (id, buyer, buyer_email, buyer_name,"
                    + " idempotency_key, request_sha256, status, currency, subtotal_minor, discount_minor, total_minor, refunded_minor, coupon_id,"
                    + " provider, payment_ref, created_at, expires_at, paid_at) VALUES (?, ?, ?, ?, ?, repeat('0', 64), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement l = c.prepareStatement("INSERT INTO " + BenchPlatform.SCHEMA + ".order_line (order_id, ticket_type_id, name, quantity,"
                         + " unit_price_minor, discount_minor, refunded_minor, refunded_quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < orders; i++) {
                    UUID id = new UUID(0x5EEDL << 32 | i, i);
                    int event = i % 10;
                    boolean withCoupon = i % 10 == 3;
                    boolean fully = i % 50 == 7;
                    boolean partly = !fully && i % 20 == 9;
                    int lineCount = i % 3 == 0 ? 2 : 1;
                    long subtotal = 0;
                    long discount = 0;
                    long refunded = 0;
                    for (int k = 0; k < lineCount; k++) {
                        long[] type = types.get(event * 2 + k);
                        int quantity = 1 + (i + k) % 4;
                        long gross = type[1] * quantity;
                        long lineDiscount = withCoupon ? gross * 10 / 100 : 0;
                        long lineRefund = fully ? gross - lineDiscount : partly && k == 0 ? (gross - lineDiscount) / quantity : 0;
                        int refundedQuantity = fully ? quantity : partly && k == 0 ? 1 : 0;
                        subtotal += gross;
                        discount += lineDiscount;
                        refunded += lineRefund;
                        l.setObject(1, id);
                        l.setLong(2, type[0]);
                        l.setString(3, k == 0 ? "Standard" : "Premium");
                        l.setInt(4, quantity);
                        l.setLong(5, type[1]);
                        l.setLong(6, lineDiscount);
                        l.setLong(7, lineRefund);
                        l.setInt(8, refundedQuantity);
                        l.addBatch();
                    }
                    Instant paid = now.minus(i % 90, ChronoUnit.DAYS).minusSeconds(60 + i % 80_000);
                    o.setObject(1, id);
                    o.setString(2, "bench-buyer-" + i % 1000);
                    o.setString(3, box.seal(slug, "buyer" + i % 1000 + "@bench.test"));
                    o.setString(4, box.seal(slug, NAMES[i % NAMES.length]));
                    o.setString(5, "bench-" + i);
                    o.setString(6, fully ? "REFUNDED" : partly ? "PARTIALLY_REFUNDED" : "PAID");
                    o.setString(7, event < 5 ? "EUR" : "CNY");
                    o.setLong(8, subtotal);
                    o.setLong(9, discount);
                    o.setLong(10, subtotal - discount);
                    o.setLong(11, refunded);
                    o.setObject(12, withCoupon ? coupon : null, java.sql.Types.BIGINT);
                    o.setString(13, i % 4 == 0 ? "stripe" : "sandbox");
                    o.setString(14, "bench-ref-" + i);
                    o.setTimestamp(15, Timestamp.from(paid.minusSeconds(60)));
                    o.setTimestamp(16, Timestamp.from(paid.plusSeconds(840)));
                    o.setTimestamp(17, Timestamp.from(paid));
                    o.addBatch();
                    if (i % 1000 == 999 || i == orders - 1) {
                        o.executeBatch();
                        l.executeBatch();
                        c.commit();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + BenchPlatform.SCHEMA + ".customer_order");
                s.execute("ANALYZE " + BenchPlatform.SCHEMA + ".order_line");
            }
            c.commit();
        }
        Map<String, Object> seeded = new LinkedHashMap<>();
        seeded.put("order_lines", platform.count("SELECT count(*) FROM " + BenchPlatform.SCHEMA + ".order_line"));
        seeded.put("net_minor_eur", platform.count("SELECT sum(total_minor - refunded_minor) FROM " + BenchPlatform.SCHEMA
                + ".customer_order WHERE currency = 'EUR'"));
        seeded.put("net_minor_cny", platform.count("SELECT sum(total_minor - refunded_minor) FROM " + BenchPlatform.SCHEMA
                + ".customer_order WHERE currency = 'CNY'"));
        return seeded;
    }
}
