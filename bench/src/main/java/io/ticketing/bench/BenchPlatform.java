package io.ticketing.bench;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakServer;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * What the HTTP benchmarks stand on: PostgreSQL 17 with durability on, Keycloak, one shop
 * ({@code flash}, reached by host name {@link #SHOP_HOST}) with buyer accounts whose tokens are
 * fetched once, a venue, and pairs of Payara Micro nodes joined by Hazelcast. Also the shared
 * measuring: CPU seconds per process from /proc, and the JSON the benchmarks write.
 */
final class BenchPlatform implements AutoCloseable {

    static final String SHOP_HOST = "flash.bench.test";
    static final String SCHEMA = "tenant_flash";
    static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    private static final String PASSWORD = "bench-buyer-pass-1";

    final String masterKey = SecretBox.newMasterKey();
    final Path work;
    final EmbeddedPostgres pg;
    final DataSource db;
    final String jdbcUrl;
    final Tenant tenant;
    final List<String> tokens = new ArrayList<>();
    /** When a benchmark's buyers share fewer accounts than there are buyers, the per-buyer limits are lifted. */
    boolean liftBuyerLimits = true;
    final CatalogFixtures catalog;
    final long venue;
    private final Path keycloakHome;
    private final KeycloakServer.Endpoint keycloak;

    BenchPlatform(String name, int accounts) throws Exception {
        work = Files.createTempDirectory("bench-" + name);
        keycloakHome = Path.of(System.getProperty("bench.keycloak.home", "target/bench-keycloak"));
        pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "250")
                // zonky turns durability off by default; a sale is only made when it is on disk
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setDataDirectory(work.resolve("pg")).start();
        db = pg.getPostgresDatabase();
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
        keycloak = KeycloakServer.start(Path.of(System.getProperty("keycloak.dist")), keycloakHome,
                KeycloakServer.freePort(), KeycloakServer.freePort(), true, ProcessHandle.current().pid(), Duration.ofMinutes(5));
        try (Keycloak admin = KeycloakUsers.admin(keycloak.baseUrl(), KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD)) {
            new TenantSchemas(db).migratePlatform();
            TenantRegistry registry = new TenantRegistry(db);
            tenant = new TenantProvisioning(registry, new TenantSchemas(db))
                    .provision(new NewTenant(new TenantSlug("flash"), "Flash Sale Arena", List.of(SHOP_HOST), null));
            String secret = "bench-storefront-secret";
            registry.storeSealedStorefrontSecretIfAbsent(tenant.slug(), new SecretBox(masterKey).seal("flash", secret));
            TenantRealmTemplate template = new TenantRealmTemplate("flash", tenant.displayName(), "#333333", List.of(),
                    "http://127.0.0.1", secret, true, IdentityTestSettings.PASSWORD_POLICY, null);
            RealmRepresentation realm = JsonSerialization.readValue(template.toJson(), RealmRepresentation.class);
            realm.setAccessTokenLifespan(3 * 3600); // tokens fetched once must outlive the whole run
            admin.realms().create(realm);
            buyerAccounts(admin, template.realmName(), secret, accounts);
        }
        catalog = new CatalogFixtures(db, tenant);
        venue = catalog.venue("Arena", "Oslo", "NO", ZoneId.of("Europe/Oslo"));
    }

    /**
     * {@code count} buyer accounts and a token each: imported in batches of 500 (one request each, the realm's test
     * password policy hashes once), the tokens fetched by 16 clients at once, so 10,000 distinct buyers take a
     * minute or two rather than one request after another.
     */
    private void buyerAccounts(Keycloak admin, String realm, String secret, int count) throws Exception {
        for (int from = 0; from < count; from += 500) {
            List<UserRepresentation> users = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 500); i++) {
                String email = "buyer-" + i + "@flash.test";
                UserRepresentation user = new UserRepresentation();
                user.setUsername(email);
                user.setEmail(email);
                user.setEmailVerified(true);
                user.setFirstName("Buyer");
                user.setLastName(Integer.toString(i));
                user.setEnabled(true);
                CredentialRepresentation password = new CredentialRepresentation();
                password.setType(CredentialRepresentation.PASSWORD);
                password.setValue(PASSWORD);
                password.setTemporary(false);
                user.setCredentials(List.of(password));
                users.add(user);
            }
            PartialImportRepresentation batch = new PartialImportRepresentation();
            batch.setIfResourceExists(PartialImportRepresentation.Policy.SKIP.name());
            batch.setUsers(users);
            try (var response = admin.realm(realm).partialImport(batch)) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("Importing buyers " + from + "... into " + realm + " failed: HTTP "
                            + response.getStatus() + " " + response.readEntity(String.class));
                }
            }
        }
        String[] fetched = new String[count];
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(clients.submit(() -> fetched[n] = IdentityTestSettings.token(keycloak.baseUrl(), realm, "storefront",
                        secret, "buyer-" + n + "@flash.test", PASSWORD)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
        tokens.addAll(List.of(fetched));
    }

    /** The client address of simulated buyer {@code i}: one of its own, as buyers of an on-sale come from many networks. */
    static String clientAddress(int i) {
        return "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
    }

    /** Two fresh nodes joined by Hazelcast, with these settings on top of the platform's; ready and clustered. */
    List<PayaraMicroNode> startNodes(String label, Map<String, String> settings) throws Exception {
        return startNodes(label, settings, 2);
    }

    /** {@code count} fresh nodes (one alone, or several joined by Hazelcast), with these settings on top of the platform's; ready. */
    List<PayaraMicroNode> startNodes(String label, Map<String, String> settings, int count) throws Exception {
        return startNodes(label, settings, count, "768m");
    }

    /** The same with this maximum heap per node ({@code -Xmx}, e.g. {@code 512m}). */
    List<PayaraMicroNode> startNodes(String label, Map<String, String> settings, int count, String heap) throws Exception {
        Map<String, String> props = new LinkedHashMap<>(IdentityTestSettings.nodeProperties(keycloak.baseUrl(),
                KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD, "unused", "ops@bench.test", "unused-pass-1", masterKey));
        props.put("ticketing.db.url", jdbcUrl);
        props.put("ticketing.db.user", "postgres");
        props.put("ticketing.db.password", "postgres");
        // Each simulated buyer comes from an address of its own (X-Forwarded-For, from the loopback "proxy"), so the
        // per-address limits run at the platform's defaults as in a real on-sale; the per-buyer ones are lifted, since
        // the bench's hundred accounts stand for thousands of buyers.
        props.put("ticketing.http.trusted-proxies", "127.0.0.1");
        if (liftBuyerLimits) {
            for (String limit : List.of("holds-per-minute-per-buyer", "orders-per-minute-per-buyer", "tickets-held-per-buyer")) {
                props.put("ticketing.limits." + limit, "1000000");
            }
        }
        props.putAll(settings);
        List<Integer> hazelcastPorts = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            hazelcastPorts.add(PayaraMicroNode.freePort());
        }
        List<PayaraMicroNode> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < count; n++) {
                nodes.add(PayaraMicroNode.start(new PayaraMicroNode.Options(label + (n + 1),
                        Path.of(System.getProperty("payara.microJar")), List.of(Path.of(System.getProperty("ticketing.storefront.war"))),
                        PayaraMicroNode.freePort(), hazelcastPorts.get(n), hazelcastPorts, label + "-" + ProcessHandle.current().pid(),
                        props, work.resolve(label + "-node" + (n + 1)), heap)));
            }
            for (PayaraMicroNode node : nodes) {
                node.awaitReady(URI.create(base(node) + "t/flash/api/events"), Duration.ofMinutes(4));
            }
            if (count > 1) {
                awaitCluster(nodes);
            }
            return nodes;
        } catch (Exception | Error e) {
            nodes.forEach(PayaraMicroNode::stop);
            throw e;
        }
    }

    private static void awaitCluster(List<PayaraMicroNode> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.stream().anyMatch(n -> n.logTail(100_000).contains("DG Size: " + nodes.size()))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The nodes did not form a cluster");
    }

    static String base(PayaraMicroNode node) {
        return "http://127.0.0.1:" + node.httpPort() + "/";
    }

    /** A ticket type on sale at 49.00 EUR with this capacity and up to 10 per order. */
    long ticketType(String name, int capacity) throws Exception {
        long event = catalog.eventOnSale(venue, name, "Bench", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "EUR", name, 4900);
        long type = count("SELECT id FROM " + SCHEMA + ".ticket_type WHERE event_id = " + event);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + SCHEMA + ".ticket_type SET capacity = " + capacity + ", max_per_order = 10 WHERE id = " + type);
        }
        return type;
    }

    long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    String text(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    /** CPU clock ticks so far: the nodes, PostgreSQL (postmaster and backends), and this JVM. */
    long[] cpu(List<PayaraMicroNode> nodes) {
        long nodeTicks = nodes.stream().mapToLong(n -> treeTicks(ProcessHandle.of(n.pid()).orElseThrow())).sum();
        long pgTicks = ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && h.parent().map(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).orElse(true))
                .mapToLong(BenchPlatform::ticks).sum();
        return new long[] {nodeTicks, pgTicks, ticks(ProcessHandle.current())};
    }

    /** CPU seconds between two {@link #cpu} readings, by process. */
    static Map<String, Object> cpuSeconds(long[] before, long[] after) {
        return Map.of("nodes", (after[0] - before[0]) / (double) CLOCK_TICKS,
                "postgres", (after[1] - before[1]) / (double) CLOCK_TICKS,
                "load_generator", (after[2] - before[2]) / (double) CLOCK_TICKS);
    }

    private static long treeTicks(ProcessHandle handle) {
        return ticks(handle) + handle.descendants().mapToLong(BenchPlatform::ticks).sum();
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

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Writes {@code results/<name>.json}: the run's settings, then one object per row. */
    static Path writeJson(String name, Map<String, Object> settings, List<Map<String, Object>> rows) throws Exception {
        return writeJson(name, settings, rows, "2 Payara Micro 6.2025.10 nodes (Hazelcast on loopback), PostgreSQL 17 embedded"
                + " (fsync on, synchronous_commit on), load generator in the same machine");
    }

    /** Writes {@code results/<name>.json} with this description of the setup. */
    static Path writeJson(String name, Map<String, Object> settings, List<Map<String, Object>> rows, String setup) throws Exception {
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"" + name + "\",\n");
        json.append("  \"date\": \"").append(Instant.now()).append("\",\n");
        json.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        settings.forEach((k, v) -> json.append("  \"").append(k).append("\": ").append(toJson(v)).append(",\n"));
        json.append("  \"setup\": ").append(toJson(setup)).append(",\n");
        json.append("  \"results\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            json.append("    ").append(toJson(rows.get(i))).append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, json);
        return file;
    }

    static String toJson(Object value) {
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

    @Override
    public void close() {
        KeycloakServer.stop(keycloakHome);
        try {
            pg.close();
        } catch (Exception e) {
            System.out.println("PostgreSQL did not close cleanly: " + e);
        }
    }
}
