package io.ticketing.bench;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakServer;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.keycloak.admin.client.Keycloak;

/**
 * Onboarding time per tenant and login latency as the number of tenants grows, on the real parts:
 * PostgreSQL, Keycloak and a Payara Micro node with the operator WAR. Each tenant is onboarded
 * through {@code POST /operator/api/tenants} (registry, schema with migrations, realm, first
 * admin); at each tier, password grants of different buyers in a random sample of realms measure
 * Keycloak's token endpoint, with the production password policy and Keycloak's default hashing.
 *
 * <p>Settings: bench.tiers (10,100,300), bench.login.sample (20 realms), bench.login.repeats (5).
 * Writes bench/results/onboarding.json and prints a Markdown table.
 */
public final class OnboardingBench {

    private static final String OPERATOR_SECRET = "bench-operator-console-secret";
    private static final String OPERATOR_EMAIL = "bench-operator@platform.test";
    private static final String OPERATOR_PASSWORD = "bench-operator-pass-1";
    private static final String USER_PASSWORD = "bench-user-pass-1";

    private final KeycloakServer.Endpoint kc;
    private final Keycloak admin;
    private final URI tenantsUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> realms = new ArrayList<>();
    private final Random random = new Random(42);
    private final int sample = Integer.getInteger("bench.login.sample", 20);
    private final int repeats = Integer.getInteger("bench.login.repeats", 5);
    private String token;
    private Instant tokenTime = Instant.EPOCH;

    private OnboardingBench(KeycloakServer.Endpoint kc, Keycloak admin, URI tenantsUrl) {
        this.kc = kc;
        this.admin = admin;
        this.tenantsUrl = tenantsUrl;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> tiers = Arrays.stream(System.getProperty("bench.tiers", "10,100,300").split(","))
                .map(String::strip).map(Integer::parseInt).sorted().toList();
        Path work = Files.createTempDirectory("bench-onboarding");
        Path keycloakHome = Path.of(System.getProperty("bench.keycloak.home", "target/bench-keycloak"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectory(work.resolve("pg")).start();
        KeycloakServer.Endpoint kc = KeycloakServer.start(Path.of(System.getProperty("keycloak.dist")), keycloakHome,
                KeycloakServer.freePort(), KeycloakServer.freePort(), true, ProcessHandle.current().pid(), Duration.ofMinutes(5));
        PayaraMicroNode node = null;
        try (Keycloak admin = KeycloakUsers.admin(kc.baseUrl(), KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD)) {
            int httpPort = PayaraMicroNode.freePort();
            node = startNode(work, httpPort, nodeProperties(pg, kc));
            OnboardingBench bench = new OnboardingBench(kc, admin, URI.create("http://127.0.0.1:" + httpPort + "/operator/api/tenants"));
            List<Map<String, Object>> results = new ArrayList<>();
            for (int tier : tiers) {
                results.add(bench.tier(tier));
            }
            write(results, kc);
        } finally {
            if (node != null) {
                node.stop();
            }
            KeycloakServer.stop(keycloakHome);
            pg.close();
        }
    }

    private static Map<String, String> nodeProperties(EmbeddedPostgres pg, KeycloakServer.Endpoint kc) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ticketing.db.url", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres");
        props.put("ticketing.db.user", "postgres");
        props.put("ticketing.db.password", "postgres");
        props.put("ticketing.keycloak.url", kc.baseUrl());
        props.put("ticketing.keycloak.admin-user", KeycloakServer.ADMIN_USER);
        props.put("ticketing.keycloak.admin-password", KeycloakServer.ADMIN_PASSWORD);
        props.put("ticketing.keycloak.direct-grants", "true");
        props.put("ticketing.keycloak.operator-console-secret", OPERATOR_SECRET);
        props.put("ticketing.operator.bootstrap-email", OPERATOR_EMAIL);
        props.put("ticketing.operator.bootstrap-password", OPERATOR_PASSWORD);
        props.put("ticketing.secrets.master-key", SecretBox.newMasterKey());
        return props;
    }

    private static PayaraMicroNode startNode(Path work, int httpPort, Map<String, String> props) throws Exception {
        int hz = PayaraMicroNode.freePort();
        PayaraMicroNode node = PayaraMicroNode.start(new PayaraMicroNode.Options("bench", Path.of(System.getProperty("payara.microJar")),
                List.of(Path.of(System.getProperty("ticketing.operator.war"))), httpPort, hz, List.of(hz),
                "bench-" + ProcessHandle.current().pid(), props, work.resolve("node"), "1g"));
        node.awaitReady(URI.create("http://127.0.0.1:" + httpPort + "/operator/api/health"), Duration.ofMinutes(4));
        return node;
    }

    /** Onboards tenants up to {@code tier}, then times sign-ins into a sample of the realms. */
    private Map<String, Object> tier(int tier) throws Exception {
        List<Long> onboardMs = new ArrayList<>();
        while (realms.size() < tier) {
            onboardMs.add(onboardNext());
        }
        List<Long> loginMs = logins();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tenants", tier);
        row.put("onboarded_in_tier", onboardMs.size());
        row.put("onboard_ms_p50", Percentiles.of(onboardMs, 50, 0L));
        row.put("onboard_ms_p95", Percentiles.of(onboardMs, 95, 0L));
        row.put("onboard_ms_max", Collections.max(onboardMs));
        row.put("logins", loginMs.size());
        row.put("login_ms_p50", Percentiles.of(loginMs, 50, 0L));
        row.put("login_ms_p95", Percentiles.of(loginMs, 95, 0L));
        row.put("keycloak_rss_mb", keycloakRssMb(kc.pid()));
        System.out.println("tier " + row);
        return row;
    }

    /** Onboards one more tenant through the operator API; returns how long it took, in ms. */
    private long onboardNext() throws Exception {
        if (Duration.between(tokenTime, Instant.now()).toSeconds() > 200) {
            token = IdentityTestSettings.token(kc.baseUrl(), "platform", "operator-console", OPERATOR_SECRET,
                    OPERATOR_EMAIL, OPERATOR_PASSWORD);
            tokenTime = Instant.now();
        }
        String slug = "bench-" + (realms.size() + 1);
        String body = "{\"slug\":\"" + slug + "\",\"name\":\"Bench " + slug + "\",\"adminEmail\":\"admin@"
                + slug + ".test\",\"hosts\":[\"" + slug + ".tickets.test\"]}";
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(tenantsUrl)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Onboarding " + slug + " failed: " + r.statusCode() + " " + r.body());
        }
        realms.add("tenant-" + slug);
        return ms;
    }

    private List<Long> logins() throws Exception {
        List<String> sampled = new ArrayList<>(realms);
        Collections.shuffle(sampled, random);
        sampled = sampled.subList(0, Math.min(sample, sampled.size()));
        List<Long> loginMs = new ArrayList<>();
        for (String realm : sampled) {
            String secret = storefrontSecret(admin, realm);
            // Several buyers once each: one buyer signing in many times a second trips
            // Keycloak's brute-force detection (user_temporarily_disabled), as it should.
            for (int i = 0; i < repeats; i++) {
                String email = "buyer-" + i + "@" + realm + ".test";
                KeycloakUsers.ensure(admin, realm, email, USER_PASSWORD);
                long t0 = System.nanoTime();
                IdentityTestSettings.token(kc.baseUrl(), realm, "storefront", secret, email, USER_PASSWORD);
                loginMs.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        return loginMs;
    }

    private static String storefrontSecret(Keycloak admin, String realm) {
        var client = admin.realm(realm).clients().findByClientId("storefront").get(0);
        return admin.realm(realm).clients().get(client.getId()).getSecret().getValue();
    }

    /** Resident memory of Keycloak's JVM (the watchdog's java descendant), in MB. */
    private static long keycloakRssMb(long watchdogPid) {
        return ProcessHandle.of(watchdogPid).stream().flatMap(ProcessHandle::descendants)
                .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(h -> {
                    try {
                        return Files.readAllLines(Path.of("/proc/" + h.pid() + "/status")).stream()
                                .filter(l -> l.startsWith("VmRSS:"))
                                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
                    } catch (Exception e) {
                        return -1;
                    }
                }).max().orElse(-1);
    }

    private static void write(List<Map<String, Object>> rows, KeycloakServer.Endpoint kc) throws Exception {
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"onboarding\",\n");
        json.append("  \"date\": \"").append(Instant.now()).append("\",\n");
        json.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        json.append("  \"keycloak\": \"26.7.3 start-dev (dev-file database)\",\n");
        json.append("  \"password_policy\": \"length(10) and notUsername and notEmail and maxLength(128), default hashing\",\n");
        json.append("  \"tiers\": [\n");
        StringBuilder table = new StringBuilder("| tenants | onboard p50 ms | onboard p95 ms | onboard max ms | login p50 ms | login p95 ms | Keycloak RSS MB |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            json.append("    {");
            int j = 0;
            for (var e : r.entrySet()) {
                json.append(j++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(e.getValue());
            }
            json.append(i + 1 < rows.size() ? "},\n" : "}\n");
            table.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d |%n", r.get("tenants"),
                    r.get("onboard_ms_p50"), r.get("onboard_ms_p95"), r.get("onboard_ms_max"),
                    r.get("login_ms_p50"), r.get("login_ms_p95"), r.get("keycloak_rss_mb")));
        }
        json.append("  ]\n}\n");
        Path dir = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("onboarding.json"), json);
        System.out.println("\n" + table);
        System.out.println("Written to " + dir.resolve("onboarding.json"));
    }
}
