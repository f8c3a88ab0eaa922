package io.ticketing.bench;

import static io.ticketing.bench.BenchPlatform.round;

import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The buyer's read path against the container's own ceiling, in one run: one shop ({@code flash},
 * reached at {@code /t/flash/}) with one event of three ticket types on sale and bench.events (30)
 * listed events in all; then, on one node and on two (requests alternating over them), each
 * request for bench.seconds (15) after bench.warmup.seconds (5) at bench.concurrency (64)
 * keep-alive connections ({@link KeepAliveLoad}): static files of the storefront WAR (the bare
 * {@code /error.html}, the same through the tenant path, and the shop's stylesheet as pages link it),
 * the event page {@code /t/flash/events/<id>} and the listing {@code /t/flash/}. For each:
 * requests/s, p50/p99, CPU per request of the nodes (summed), PostgreSQL and the load generator
 * from /proc, errors (any answer but 200), and the pages' rates as a share of the static files'.
 *
 * <p>With bench.jfr=event_page,listing (request keys), after the measurements on one node, a Flight
 * Recording of that node under each one's load is written to bench/target/ (not measured; JFR costs
 * a little; deeper stacks with PAYARA_NODE_JAVA_OPTS=-XX:FlightRecorderOptions=stackdepth=256).
 *
 * <p>Writes bench/results/storefront.json and prints a Markdown table.
 */
public final class StorefrontBench {

    private static final String TITLE = "Bench Night: The Storefront Symphony";

    /**
     * What is requested, in the order it is measured; {@code key} names it in the JSON. The answer must
     * contain {@code mustContain} exactly {@code mustContainTimes} times, or at least once when that is 0.
     */
    private record Request(String key, String name, String path, String mustContain, int mustContainTimes) {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "15"));
        double warmup = Double.parseDouble(System.getProperty("bench.warmup.seconds", "5"));
        int listed = Integer.getInteger("bench.events", 30);
        List<Integer> nodeCounts = Arrays.stream(System.getProperty("bench.nodes", "1,2").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        // on: nodes as shipped (AnonymousPageCache); on,off: the same with the page cache turned off as well, in the same run
        List<String> pageCaches = Arrays.stream(System.getProperty("bench.page-cache", "on").split(",")).map(String::strip).toList();
        List<String> jfr = Arrays.stream(System.getProperty("bench.jfr", "").split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> checks = new LinkedHashMap<>();
        try (BenchPlatform platform = new BenchPlatform("storefront", 0)) {
            long event = shop(platform, listed);
            for (int count : nodeCounts) {
              for (String pageCache : pageCaches) {
                // "off" renders every view (ticketing.shop.page-cache-ms=0): the same WAR with and without the copy, side by side
                Map<String, String> settings = pageCache.equals("off") ? Map.of("ticketing.shop.page-cache-ms", "0") : Map.of();
                List<PayaraMicroNode> nodes = platform.startNodes("shop" + count + "n" + pageCache, settings, count);
                try {
                    List<Integer> ports = nodes.stream().map(PayaraMicroNode::httpPort).toList();
                    List<Request> requests = requests(event, ports.get(0), listed, checks);
                    for (Request r : requests) { // JIT, pools, caches: every path once before any is measured
                        KeepAliveLoad.run(ports, target(r), concurrency, warmup);
                    }
                    List<Map<String, Object>> these = new ArrayList<>();
                    for (Request r : requests) {
                        Map<String, Object> row = measure(platform, nodes, ports, r, concurrency, seconds);
                        if (pageCaches.size() > 1) {
                            row.put("page_cache", pageCache);
                            row.put("name", row.get("name") + (pageCache.equals("off") ? ", page cache off" : ""));
                        }
                        these.add(row);
                    }
                    ratios(these);
                    rows.addAll(these);
                    if (count == 1 && pageCache.equals(pageCaches.get(0))) {
                        for (Request r : requests) {
                            if (jfr.contains(r.key())) {
                                profile(nodes.get(0), ports, r, concurrency, Math.max(10, seconds));
                            }
                        }
                    }
                } finally {
                    nodes.forEach(PayaraMicroNode::stop);
                }
              }
            }
            write(rows, checks, concurrency, seconds, warmup, listed, nodeCounts, pageCaches);
        }
    }

    /** The shop's catalog: the measured event (three ticket types on sale) and listed-1 more events, one a day. */
    private static long shop(BenchPlatform platform, int listed) throws Exception {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusDays(1).withHour(18);
        long event = platform.catalog.eventOnSale(platform.venue, TITLE, "Concert", at.plusDays(9), "EUR",
                "Standing", 3900, "Seated", 6900, "Front row", 12900);
        for (int i = 1; i < listed; i++) {
            platform.catalog.eventOnSale(platform.venue, "Listed event " + i, i % 3 == 0 ? "Theatre" : "Concert", at.plusDays(i),
                    "EUR", "General", 2000 + 100 * i, "Reduced", 1500 + 100 * i);
        }
        try (Connection c = platform.db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + BenchPlatform.SCHEMA + ".venue SET address = 'Kirsten Flagstads plass 1' WHERE id = " + platform.venue);
            s.executeUpdate("UPDATE " + BenchPlatform.SCHEMA + ".event SET description = 'An evening of music for the read path:"
                    + " three halls, two intervals and no database round trip.' WHERE id = " + event);
        }
        return event;
    }

    /** The listing's page size (ListingView): the bench checks the first page's events. */
    static final int LISTING_PAGE = 20;

    /**
     * The requests, each checked once first: 200, and the page shows what it should. The stylesheet's
     * address is taken from the listing as Faces renders it (tenant-free, like every resource URL).
     */
    private static List<Request> requests(long event, int port, int listed, Map<String, Object> checks) throws Exception {
        // The listing shows its first page: 20 events (ListingView's page size) of the shop's 30.
        Request listing = new Request("listing", "listing `/t/flash/` (first page, " + Math.min(listed, LISTING_PAGE) + " events)",
                "/t/flash/", "class=\"event\"", Math.min(listed, LISTING_PAGE));
        KeepAliveLoad.Answer page = check(port, listing, checks);
        Matcher css = Pattern.compile("href=\"([^\"]*storefront\\.css[^\"]*)\"").matcher(page.text());
        if (!css.find()) {
            throw new IllegalStateException("The listing links no stylesheet:\n" + page.text());
        }
        String cssPath = css.group(1).replace("&amp;", "&");
        List<Request> requests = List.of(
                new Request("static_bare", "static `/error.html` (no tenant)", "/error.html", "</html>", 0),
                new Request("static_tenant", "static `/t/flash/error.html` (tenant path)", "/t/flash/error.html", "</html>", 0),
                new Request("static_css", "stylesheet `" + cssPath + "` (Faces resource)", cssPath, "--brand", 0),
                new Request("event_json", "event JSON `/t/flash/api/events/" + event + "`", "/t/flash/api/events/" + event,
                        "\"available\"", 3),
                new Request("event_page", "event page `/t/flash/events/" + event + "`", "/t/flash/events/" + event,
                        "class=\"offer\"", 3),
                listing);
        for (Request r : requests) {
            if (r != listing) {
                check(port, r, checks);
            }
        }
        return requests;
    }

    private static KeepAliveLoad.Answer check(int port, Request r, Map<String, Object> checks) throws Exception {
        KeepAliveLoad.Answer a = KeepAliveLoad.once(port, target(r));
        int found = a.text().split(Pattern.quote(r.mustContain()), -1).length - 1;
        if (a.status() != 200 || (r.mustContainTimes() == 0 ? found == 0 : found != r.mustContainTimes())) {
            throw new IllegalStateException(r.path() + " answered " + a.status() + " with " + found + " times '" + r.mustContain()
                    + "' (expected " + (r.mustContainTimes() == 0 ? "some" : r.mustContainTimes()) + "):\n" + a.text());
        }
        if (r.key().equals("event_page") && !a.text().contains(TITLE)) {
            throw new IllegalStateException("The event page does not show its title:\n" + a.text());
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("bytes", a.body().length);
        check.put("content_type", a.headers().getOrDefault("content-type", ""));
        check.put("cache_control", a.headers().getOrDefault("cache-control", ""));
        check.put("sets_cookies", a.headers().getOrDefault(KeepAliveLoad.COOKIE_NAMES, ""));
        checks.put(r.key(), check);
        return a;
    }

    private static KeepAliveLoad.Target target(Request r) {
        return new KeepAliveLoad.Target(r.path(), "127.0.0.1");
    }

    private static Map<String, Object> measure(BenchPlatform platform, List<PayaraMicroNode> nodes, List<Integer> ports, Request r,
                                               int concurrency, double seconds) throws Exception {
        long[] before = platform.cpu(nodes);
        KeepAliveLoad.Result result = KeepAliveLoad.run(ports, target(r), concurrency, seconds);
        long[] after = platform.cpu(nodes);
        double perRequest = 1000.0 / BenchPlatform.CLOCK_TICKS / Math.max(1, result.requests);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("nodes", nodes.size());
        row.put("request", r.key());
        row.put("name", r.name());
        row.put("requests_per_s", round(result.requests / result.seconds));
        row.put("p50_ms", round2(result.percentileMillis(50)));
        row.put("p99_ms", round2(result.percentileMillis(99)));
        row.put("requests", result.requests);
        row.put("errors", result.errors);
        row.put("node_cpu_ms_per_request", round2((after[0] - before[0]) * perRequest));
        row.put("postgres_cpu_ms_per_request", round2((after[1] - before[1]) * perRequest));
        row.put("load_generator_cpu_ms_per_request", round2((after[2] - before[2]) * perRequest));
        row.put("cpu_s", BenchPlatform.cpuSeconds(before, after));
        row.put("kb_per_response", round(result.bytes / 1024.0 / Math.max(1, result.requests)));
        System.out.println("measured " + row);
        return row;
    }

    /** Each page's rate as a share of the static files' measured in the same run, on the same nodes. */
    private static void ratios(List<Map<String, Object>> rows) {
        Map<String, Double> rate = new LinkedHashMap<>();
        rows.forEach(r -> rate.put((String) r.get("request"), (Double) r.get("requests_per_s")));
        for (Map<String, Object> r : rows) {
            double own = (Double) r.get("requests_per_s");
            r.put("x_static_tenant_path", round2(own / rate.get("static_tenant")));
            r.put("x_static_bare", round2(own / rate.get("static_bare")));
        }
    }

    /** A Flight Recording of one node under this request's load (not measured), kept in bench/target/. */
    private static void profile(PayaraMicroNode node, List<Integer> ports, Request r, int concurrency, double seconds) throws Exception {
        Path out = Path.of(System.getProperty("bench.jfr.dir", "target")).toAbsolutePath().resolve("storefront-" + r.key() + ".jfr");
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process start = new ProcessBuilder(jcmd.toString(), Long.toString(node.pid()), "JFR.start", "name=bench", "settings=profile",
                "filename=" + out).redirectErrorStream(true).start();
        System.out.println(new String(start.getInputStream().readAllBytes()));
        start.waitFor(60, TimeUnit.SECONDS);
        KeepAliveLoad.run(ports.subList(0, 1), target(r), concurrency, seconds);
        Process stop = new ProcessBuilder(jcmd.toString(), Long.toString(node.pid()), "JFR.stop", "name=bench")
                .redirectErrorStream(true).start();
        System.out.println(new String(stop.getInputStream().readAllBytes()));
        stop.waitFor(60, TimeUnit.SECONDS);
        System.out.println("Flight Recording of " + r.path() + " on one node: " + out);
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void write(List<Map<String, Object>> rows, Map<String, Object> checks, int concurrency, double seconds, double warmup,
                              int listed, List<Integer> nodeCounts, List<String> pageCaches) throws Exception {
        StringBuilder table = new StringBuilder("| nodes | request | requests/s | p50 ms | p99 ms | node CPU ms/request | PostgreSQL CPU ms/request"
                + " | load gen CPU ms/request | errors | x static (tenant path) | x static (bare) |\n"
                + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
        for (Map<String, Object> r : rows) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %.1f | %.1f | %.2f | %.2f | %.2f | %s | %.2f | %.2f |%n",
                    (Integer) r.get("nodes"), r.get("name"), (Double) r.get("requests_per_s"), (Double) r.get("p50_ms"),
                    (Double) r.get("p99_ms"), (Double) r.get("node_cpu_ms_per_request"), (Double) r.get("postgres_cpu_ms_per_request"),
                    (Double) r.get("load_generator_cpu_ms_per_request"),
                    ((Map<?, ?>) r.get("errors")).isEmpty() ? "0" : r.get("errors").toString(),
                    (Double) r.get("x_static_tenant_path"), (Double) r.get("x_static_bare")));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("concurrency", concurrency);
        settings.put("seconds", seconds);
        settings.put("warmup_seconds", warmup);
        settings.put("listed_events", listed);
        settings.put("responses", checks);
        settings.put("page_cache", String.join(",", pageCaches));
        settings.put("nodes", nodeCounts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        Path file = BenchPlatform.writeJson("storefront", settings, rows, "Payara Micro 6.2025.10, fresh nodes for each count in"
                + " 'nodes' (in that order; several joined by Hazelcast, requests alternating), PostgreSQL 17 embedded (fsync on),"
                + " Keycloak; keep-alive HTTP/1.1 load generator in the same machine");
        System.out.println("\n" + table);
        System.out.println("Written to " + file);
    }
}
