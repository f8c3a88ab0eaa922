package io.ticketing.platform.devrun;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakServer;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.DemoTenant;
import io.ticketing.platform.testsupport.MailServer;
import io.ticketing.platform.testsupport.PlainSql;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Starts the whole platform on embedded defaults: PostgreSQL (real server binaries from Maven
 * Central, data kept in {@code .data/postgres}) unless {@code ticketing.db.url} is configured,
 * Keycloak (Maven Central's distribution, data in {@code .data/keycloak}) unless
 * {@code ticketing.keycloak.url} is, one or two Payara Micro nodes with both WARs joined by
 * Hazelcast on loopback, and the demo tenant, onboarded through the operator API as an operator
 * would. Ctrl-C stops everything it started.
 *
 * <p>Settings (system properties, or the environment variables in brackets): ticketing.nodes (1),
 * ticketing.port (8080; node 2 takes the next port), ticketing.db.url [TICKETING_DB_URL],
 * ticketing.db.user [TICKETING_DB_USER], ticketing.db.password [TICKETING_DB_PASSWORD],
 * ticketing.db.port (15432, the embedded server's port), ticketing.keycloak.url [KEYCLOAK_URL]
 * with ticketing.keycloak.admin-user/-password [KEYCLOAK_ADMIN_USER/_PASSWORD],
 * ticketing.keycloak.port (8180, the embedded server's port; management on port + 1000),
 * ticketing.mail.smtp.host [TICKETING_SMTP_HOST] and ticketing.mail.smtp.port [TICKETING_SMTP_PORT] for a real
 * SMTP server, else GreenMail on ticketing.mail.port (3025; IMAP on 3143), its mail shown at
 * ticketing.mail.web-port (8025).
 */
public final class DevPlatform {

    private static final int HAZELCAST_BASE_PORT = 26900;
    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");
    /** Development only: the launcher's first operator, printed in the banner. */
    static final String DEV_OPERATOR_EMAIL = "operator@platform.localhost";
    static final String DEV_OPERATOR_PASSWORD = "operator-dev-1";

    private final Path home;
    private final List<PayaraMicroNode> nodes = new ArrayList<>();
    private EmbeddedPostgres embedded;
    private Path keycloakStarted;
    private MailServer mail;
    private DevMailbox mailbox;
    private String demoBuyer;
    private String mailDescription;
    private String smsDescription;

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
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING); // keeps the launcher's output to what a person needs
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

        String keycloakUrl = setting("ticketing.keycloak.url", "KEYCLOAK_URL", null);
        String keycloakAdmin = setting("ticketing.keycloak.admin-user", "KEYCLOAK_ADMIN_USER", KeycloakServer.ADMIN_USER);
        String keycloakPassword = setting("ticketing.keycloak.admin-password", "KEYCLOAK_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        if (keycloakUrl == null) {
            int kcPort = Integer.getInteger("ticketing.keycloak.port", 8180);
            PayaraMicroNode.requireFreePort(kcPort, "embedded Keycloak port");
            PayaraMicroNode.requireFreePort(kcPort + 1000, "embedded Keycloak management port");
            System.out.println("Starting Keycloak (data in " + home.relativize(data.resolve("keycloak")) + ") ...");
            keycloakUrl = KeycloakServer.start(Path.of(System.getProperty("keycloak.dist")), data.resolve("keycloak"),
                    kcPort, kcPort + 1000, false, ProcessHandle.current().pid(), Duration.ofMinutes(5)).baseUrl();
            keycloakStarted = data.resolve("keycloak");
        }
        Properties secrets = devSecrets(data.resolve("dev-secrets.properties"));

        // Mail: the platform's SMTP server, or GreenMail on loopback, where every mail the platform sends can be read.
        Map<String, String> mailProps = new LinkedHashMap<>();
        String smtpHost = setting("ticketing.mail.smtp.host", "TICKETING_SMTP_HOST", null);
        if (smtpHost == null) {
            int smtpPort = Integer.getInteger("ticketing.mail.port", 3025);
            PayaraMicroNode.requireFreePort(smtpPort, "GreenMail SMTP port");
            PayaraMicroNode.requireFreePort(smtpPort + 118, "GreenMail IMAP port");
            System.out.println("Starting GreenMail (SMTP " + smtpPort + ", IMAP " + (smtpPort + 118) + ") ...");
            mail = MailServer.start(smtpPort, smtpPort + 118);
            int mailboxPort = Integer.getInteger("ticketing.mail.web-port", 8025);
            PayaraMicroNode.requireFreePort(mailboxPort, "mailbox web port");
            mailbox = new DevMailbox(mail, mailboxPort);
            mailProps.putAll(mail.nodeProperties());
            mailProps.put("ticketing.mail.from", "tickets@platform.localhost");
            mailDescription = "http://localhost:" + mailboxPort + "/ (GreenMail: SMTP 127.0.0.1:" + smtpPort + "; IMAP 127.0.0.1:"
                    + (smtpPort + 118) + ", login and password the address)";
        } else {
            mailProps.put("ticketing.mail.smtp.host", smtpHost);
            mailProps.put("ticketing.mail.smtp.port", setting("ticketing.mail.smtp.port", "TICKETING_SMTP_PORT", "25"));
            mailDescription = "SMTP " + smtpHost;
        }

        Path microJar = Path.of(System.getProperty("payara.microJar"));
        List<Path> wars = Arrays.stream(System.getProperty("ticketing.wars").split(",")).map(Path::of).toList();
        List<Integer> clusterPorts = IntStream.range(0, nodeCount).mapToObj(i -> HAZELCAST_BASE_PORT + i).toList();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ticketing.db.url", url);
        props.put("ticketing.db.user", user);
        props.put("ticketing.db.password", password);
        props.putAll(IdentityTestSettings.nodeProperties(keycloakUrl, keycloakAdmin, keycloakPassword,
                secrets.getProperty("operator-console-secret"), DEV_OPERATOR_EMAIL, DEV_OPERATOR_PASSWORD,
                secrets.getProperty("master-key")));
        props.put("ticketing.platform.base-url", "http://localhost:" + httpPort);
        props.putAll(mailProps);
        // SMS: the development channel writes each message to a file under .data/sms/<shop>/ (no phone is texted).
        Path smsLog = data.resolve("sms");
        props.put("ticketing.sms.log-dir", smsLog.toAbsolutePath().toString());
        smsDescription = home.relativize(smsLog) + "/<shop>/ (channel sms-log, one file per message; on for the demo shop)";
        for (int i = 0; i < nodeCount; i++) {
            String name = "node" + (i + 1);
            System.out.println("Starting Payara Micro " + name + " on port " + (httpPort + i) + " ...");
            nodes.add(PayaraMicroNode.start(new PayaraMicroNode.Options(name, microJar, wars, httpPort + i,
                    clusterPorts.get(i), clusterPorts, "ticketing-dev", props, data.resolve(name), "1g")));
        }
        for (PayaraMicroNode node : nodes) {
            node.awaitReady(URI.create("http://127.0.0.1:" + node.httpPort() + "/operator/api/health"), Duration.ofMinutes(4));
        }
        String demoPassword = onboardDemo(dataSource, keycloakUrl, secrets.getProperty("operator-console-secret"), httpPort);
        smsLogForDemo(dataSource, secrets.getProperty("master-key"));
        // The storefront WAR deploys after the operator's: the URLs are printed once the demo shop answers.
        for (PayaraMicroNode node : nodes) {
            node.awaitReady(URI.create("http://127.0.0.1:" + node.httpPort() + "/t/demo/api/events"), Duration.ofMinutes(2));
        }
        if (demoPassword != null) {
            // A first start also buys one order as a demo buyer: its confirmation, with PDF tickets, lands in the mailbox.
            demoBuyer = demoOrder(dataSource, keycloakUrl, keycloakAdmin, keycloakPassword, secrets.getProperty("master-key"), httpPort);
        }
        printBanner(url, user, keycloakUrl, demoPassword, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Onboards the demo organizer through the operator API (registry, schema, realm, first admin)
     * and fills its catalog, unless it exists. Returns the admin's one-time password when it was made now.
     */
    private static String onboardDemo(DataSource dataSource, String keycloakUrl, String consoleSecret, int httpPort)
            throws IOException {
        if (new TenantRegistry(dataSource).findBySlug(DemoTenant.SLUG).isPresent()) {
            return null;
        }
        String token = IdentityTestSettings.token(keycloakUrl, "platform", "operator-console", consoleSecret,
                DEV_OPERATOR_EMAIL, DEV_OPERATOR_PASSWORD);
        String body = "{\"slug\":\"" + DemoTenant.SLUG + "\",\"name\":\"" + DemoTenant.NAME + "\",\"adminEmail\":\""
                + DemoTenant.ADMIN_EMAIL + "\",\"hosts\":[\"" + DemoTenant.HOST + "\"],\"branding\":{\"primaryColor\":\""
                + DemoTenant.BRANDING.primaryColor() + "\"}}";
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/operator/api/tenants"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while onboarding the demo tenant", e);
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Onboarding the demo tenant failed: HTTP " + response.statusCode() + " " + response.body());
        }
        DemoTenant.seedCatalog(dataSource, new TenantRegistry(dataSource).findBySlug(DemoTenant.SLUG).orElseThrow());
        Matcher m = Pattern.compile("\"initialAdminPassword\":\"([^\"]+)\"").matcher(response.body());
        return m.find() ? m.group(1) : null;
    }

    static final String DEMO_BUYER_EMAIL = "buyer@demo.localhost";
    static final String DEMO_BUYER_PASSWORD = "buyer-dev-1";

    /**
     * Makes the demo buyer and buys two tickets of the first event on sale through the shop's API, paying on the
     * sandbox's page, as a buyer would. Returns the banner's line, or a warning (the platform runs on without it).
     */
    private static String demoOrder(DataSource dataSource, String keycloakUrl, String adminUser, String adminPassword, String masterKey,
                                    int httpPort) {
        String shop = "http://localhost:" + httpPort + "/t/" + DemoTenant.SLUG.value() + "/"; // as the mails will link it
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String realm = "tenant-" + DemoTenant.SLUG.value(); // the realm onboarding made (TenantRealmTemplate.realmName)
            // The buyer's account, made through Keycloak's admin REST API (409: it is there already).
            String adminToken = IdentityTestSettings.token(keycloakUrl, "master", "admin-cli", null, adminUser, adminPassword);
            HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/admin/realms/" + realm + "/users"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + DEMO_BUYER_EMAIL + "\", \"email\": \"" + DEMO_BUYER_EMAIL
                            + "\", \"emailVerified\": true, \"enabled\": true, \"firstName\": \"Demo\", \"lastName\": \"Buyer\","
                            + " \"credentials\": [{\"type\": \"password\", \"value\": \"" + DEMO_BUYER_PASSWORD + "\", \"temporary\": false}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (made.statusCode() != 201 && made.statusCode() != 409) {
                return "the demo buyer could not be made: HTTP " + made.statusCode();
            }
            String clientSecret = new SecretBox(masterKey).open(DemoTenant.SLUG.value(),
                    new TenantRegistry(dataSource).sealedStorefrontSecret(DemoTenant.SLUG).orElseThrow());
            String token = IdentityTestSettings.token(keycloakUrl, realm, "storefront", clientSecret, DEMO_BUYER_EMAIL, DEMO_BUYER_PASSWORD);
            long type;
            try (var c = dataSource.getConnection(); var s = c.createStatement(); var r = s.executeQuery(
                    "SELECT t.id FROM tenant_demo.ticket_type t JOIN tenant_demo.event e ON e.id = t.event_id"
                            + " WHERE e.status = 'ON_SALE' ORDER BY e.starts_at, t.id LIMIT 1")) {
                if (!r.next()) {
                    return "no event on sale to buy from";
                }
                type = r.getLong(1);
            }
            HttpResponse<String> hold = http.send(HttpRequest.newBuilder(URI.create(shop + "api/holds")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"ticketTypeId\": " + type + ", \"quantity\": 2}")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher holdId = Pattern.compile("\"holdId\":\"([^\"]+)\"").matcher(hold.body());
            if (hold.statusCode() != 201 || !holdId.find()) {
                return "the demo order's hold failed: HTTP " + hold.statusCode();
            }
            HttpResponse<String> order = http.send(HttpRequest.newBuilder(URI.create(shop + "api/orders")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "demo-order-" + System.currentTimeMillis())
                    .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"holdIds\": [\"" + holdId.group(1) + "\"], \"buyer\": {\"phone\": \"+49 30 1234567\","
                                    + " \"smsConfirmation\": true}}")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher paymentUrl = Pattern.compile("\"paymentUrl\":\"([^\"]+)\"").matcher(order.body());
            if (order.statusCode() != 201 || !paymentUrl.find()) {
                return "the demo order failed: HTTP " + order.statusCode();
            }
            HttpResponse<Void> paid = http.send(HttpRequest.newBuilder(URI.create(paymentUrl.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("action=pay")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (paid.statusCode() != 303) {
                return "paying the demo order failed: HTTP " + paid.statusCode();
            }
            return DEMO_BUYER_EMAIL + " / " + DEMO_BUYER_PASSWORD + " (bought two tickets; the confirmation is in the mailbox, its SMS in the SMS folder)";
        } catch (Exception | Error e) {
            return "the demo order could not be made: " + e.getMessage();
        }
    }

    /** The demo shop sends SMS through sms-log, as if its organizer had chosen it (kept if they changed it since). */
    private static void smsLogForDemo(DataSource dataSource, String masterKey) {
        var demo = new TenantRegistry(dataSource).findBySlug(DemoTenant.SLUG).orElseThrow();
        String sealed = new SecretBox(masterKey).seal(demo.slug().value(), "{}");
        PlainSql.run(dataSource, "INSERT INTO " + demo.schemaName() + ".notification_channel (channel, medium, sealed_credentials)"
                + " VALUES ('sms-log', 'SMS', '" + sealed + "') ON CONFLICT (channel) DO NOTHING");
    }

    /** Secrets this development platform keeps between runs: the master key and the operator console's client secret. */
    private static Properties devSecrets(Path file) throws IOException {
        Properties secrets = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                secrets.load(in);
            }
        }
        if (secrets.getProperty("master-key") == null) {
            secrets.setProperty("master-key", SecretBox.newMasterKey());
            secrets.setProperty("operator-console-secret", SecretBox.newMasterKey().replaceAll("[^A-Za-z0-9]", ""));
            try (var out = Files.newOutputStream(file)) {
                secrets.store(out, "Development secrets of this checkout; delete .data/ to start over");
            }
        }
        return secrets;
    }

    private void printBanner(String url, String user, String keycloakUrl, String demoPassword, Duration startup) {
        int port = nodes.get(0).httpPort();
        StringBuilder banner = new StringBuilder()
                .append("\n=== Ticketing platform is up (").append(nodes.size()).append(" node")
                .append(nodes.size() > 1 ? "s" : "").append(", ready in ")
                .append(startup.toMillis() / 1000.0).append(" s) ===\n")
                .append("  Demo storefront:        http://localhost:").append(port).append("/t/demo/\n")
                .append("  Demo shop by host name: http://").append(DemoTenant.HOST).append(':').append(port).append("/\n")
                .append("  Operator API health:    http://localhost:").append(port).append("/operator/api/health\n")
                .append("  Node health (probes):   http://localhost:").append(nodes.get(0).managementPort())
                .append("/health/ready (also /health/live, /health/started)\n")
                .append("  Keycloak:               ").append(keycloakUrl).append(" (admin console: admin / admin)\n")
                .append("  Operator (dev only):    ").append(DEV_OPERATOR_EMAIL).append(" / ").append(DEV_OPERATOR_PASSWORD)
                .append(" in realm platform\n")
                .append("  Demo organizer admin:   ").append(DemoTenant.ADMIN_EMAIL)
                .append(demoPassword == null ? " (password as you set it at first sign-in)"
                        : " / " + demoPassword + " (one-time: you choose your own at first sign-in)").append('\n');
        for (int i = 1; i < nodes.size(); i++) {
            banner.append("  Node ").append(i + 1).append(" storefront:      http://localhost:")
                    .append(nodes.get(i).httpPort()).append("/t/demo/\n");
        }
        banner.append("  Mail:                   ").append(mailDescription).append('\n');
        if (demoBuyer != null) {
            banner.append("  Demo buyer:             ").append(demoBuyer).append('\n');
        }
        banner.append("  SMS:                    ").append(smsDescription).append('\n');
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
        if (keycloakStarted != null) {
            System.out.println("Stopping Keycloak ...");
            KeycloakServer.stop(keycloakStarted);
            keycloakStarted = null;
        }
        if (mailbox != null) {
            mailbox.close();
            mailbox = null;
        }
        if (mail != null) {
            System.out.println("Stopping GreenMail ...");
            mail.close();
            mail = null;
        }
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
