package io.ticketing.bench;

import static io.ticketing.bench.BenchPlatform.round;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.MailServer;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mails per second the outbox relay sustains into a real SMTP server (GreenMail, in this JVM), on one node and
 * on two, against the ceiling measured in the same run: the same rendered mail sent by one client over one SMTP
 * connection, with nothing else to do. Seed orders are bought through the API (hold, order, signed sandbox
 * callback) and their confirmations arrive first; then {@code bench.mails} purchase confirmations of those
 * orders are queued at once, due together, and timed from their due moment until the database marks the last
 * one sent. Every mail is counted at the server by Message-ID: none lost, none twice.
 */
public final class NotificationBench {

    private static final Pattern HOLD_ID = Pattern.compile("\"holdId\":\"([^\"]+)\"");
    private static final Pattern PAYMENT_REF = Pattern.compile("\"paymentUrl\":\"[^\"]*/(sbx_[0-9a-f]+)\"");
    private static final Money PRICE = Money.ofMinor(4900, "EUR");
    private static final int SEED_ORDERS = 40;

    public static void main(String[] args) throws Exception {
        int mails = Integer.getInteger("bench.mails", 3_000);
        List<Integer> nodeCounts = Arrays.stream(System.getProperty("bench.nodes", "1,2").split(",")).map(String::strip)
                .map(Integer::parseInt).toList();
        try (BenchPlatform platform = new BenchPlatform("notifications", 4);
             MailServer mail = MailServer.start(PayaraMicroNode.freePort(), null)) {
            long type = platform.ticketType("Mail", 1_000_000);
            Map<String, String> settings = new LinkedHashMap<>(mail.nodeProperties());
            List<Map<String, Object>> rows = new ArrayList<>();
            List<String> seeds = null;
            for (int count : nodeCounts) {
                List<PayaraMicroNode> nodes = platform.startNodes("mail" + count, settings, count);
                try {
                    if (seeds == null) {
                        seeds = seed(platform, nodes, type, mail);
                    }
                    // a first, unmeasured batch warms the relay's code paths on these nodes
                    relay(platform, nodes, mail, seeds, Math.min(500, mails), "warm" + count);
                    rows.add(relay(platform, nodes, mail, seeds, mails, "run" + count));
                } finally {
                    nodes.forEach(PayaraMicroNode::stop);
                }
            }
            rows.add(0, ceiling(mail, mails));
            double ceiling = (Double) rows.get(0).get("mails_per_s");
            for (Map<String, Object> row : rows) {
                row.put("x_ceiling", Math.round((Double) row.get("mails_per_s") / ceiling * 1000) / 1000.0);
            }
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("mails", mails);
            run.put("seed_orders", SEED_ORDERS);
            run.put("nodes", nodeCounts.toString());
            Path file = BenchPlatform.writeJson("notifications", run, rows, "Payara Micro 6.2025.10 nodes (" + nodeCounts
                    + ", fresh for each count, several joined by Hazelcast), PostgreSQL 17 embedded (fsync on), GreenMail 2.1 SMTP"
                    + " in the benchmark's JVM; the relay's defaults (every 2 s, 500 a turn per shop, one transaction per mail)");
            System.out.printf("%n| what | mails/s | seconds | sent | received once | duplicates | CPU s nodes / PostgreSQL / bench+GreenMail | x ceiling |%n"
                    + "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |%n");
            for (Map<String, Object> row : rows) {
                System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s |%n", row.get("name"), row.get("mails_per_s"), row.get("seconds"),
                        row.get("sent"), row.get("received_once"), row.get("duplicates"), row.get("cpu_s"), row.get("x_ceiling"));
            }
            System.out.println("Written to " + file);
        }
    }

    /** Buys {@link #SEED_ORDERS} orders through the API and waits for their confirmations; returns their ids. */
    private static List<String> seed(BenchPlatform platform, List<PayaraMicroNode> nodes, long type, MailServer mail) throws Exception {
        String secret = null;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SEED_ORDERS; i++) {
            String token = platform.tokens.get(i % platform.tokens.size());
            PayaraMicroNode node = nodes.get(i % nodes.size());
            String hold = find(HOLD_ID, send(node, "api/holds", token, null, "{\"ticketTypeId\": " + type + ", \"quantity\": 2}", null), 201);
            String ref = find(PAYMENT_REF, send(node, "api/orders", token, "mail-seed-" + i, "{\"holdIds\": [\"" + hold + "\"]}", null), 201);
            if (secret == null) {
                secret = sandboxSecret(platform);
            }
            Instant now = Instant.now();
            byte[] body = SandboxPaymentProvider.callbackBody("mail-seed-evt-" + i, "payment.paid", ref, Money.ofMinor(PRICE.minorUnits() * 2, "EUR"), now);
            HttpResponse<String> paid = send(node, "api/payments/callback/sandbox", null, null, new String(body), SandboxSignature.sign(secret, now, body));
            if (paid.statusCode() != 200) {
                throw new IllegalStateException("callback " + paid.statusCode() + " " + paid.body());
            }
            ids.add(platform.text("SELECT id FROM " + BenchPlatform.SCHEMA + ".customer_order WHERE payment_ref = '" + ref + "'"));
        }
        awaitSent(platform, "NOT LIKE '<bench-%'", SEED_ORDERS, Duration.ofMinutes(2));
        return ids;
    }

    /** Queues {@code mails} confirmations of the seed orders, due together, and times the relay sending them all. */
    private static Map<String, Object> relay(BenchPlatform platform, List<PayaraMicroNode> nodes, MailServer mail, List<String> seeds,
                                             int mails, String label) throws Exception {
        Instant due = Instant.now().plusSeconds(3);
        try (Connection c = platform.db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + BenchPlatform.SCHEMA
                + ".notification (kind, channel, order_id, language, message_id, next_attempt_at) VALUES ('PURCHASE_CONFIRMATION', 'EMAIL', ?::uuid, ?, ?, ?)")) {
            for (int i = 0; i < mails; i++) {
                s.setString(1, seeds.get(i % seeds.size()));
                s.setString(2, new String[] {"en", "de", "zh-CN"}[i % 3]);
                s.setString(3, "<bench-" + label + "-" + i + "@bench.test>");
                s.setTimestamp(4, java.sql.Timestamp.from(due));
                s.addBatch();
            }
            s.executeBatch();
        }
        while (Instant.now().isBefore(due)) {
            Thread.sleep(10);
        }
        long[] cpuBefore = platform.cpu(nodes);
        long start = System.nanoTime();
        awaitSent(platform, "LIKE '<bench-" + label + "-%'", mails, Duration.ofMinutes(20));
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = platform.cpu(nodes);
        Map<String, Long> byId = new LinkedHashMap<>();
        for (MimeMessage m : mail.received()) {
            String id = MailServer.header(m, "Message-ID");
            if (id != null && id.startsWith("<bench-" + label + "-")) {
                byId.merge(id, 1L, Long::sum);
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "relay, " + nodes.size() + " node" + (nodes.size() > 1 ? "s" : ""));
        row.put("nodes", nodes.size());
        row.put("mails_per_s", round(mails / seconds));
        row.put("seconds", round(seconds));
        row.put("sent", platform.count("SELECT count(*) FROM " + BenchPlatform.SCHEMA + ".notification WHERE status = 'SENT' AND message_id LIKE '<bench-"
                + label + "-%'"));
        row.put("received_once", byId.values().stream().filter(n -> n == 1).count());
        row.put("duplicates", byId.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum());
        row.put("cpu_s", BenchPlatform.cpuSeconds(cpuBefore, cpuAfter));
        System.out.println(label + " " + row);
        return row;
    }

    /** The ceiling: one client, one SMTP connection, the same kind of mail already rendered, {@code mails} times. */
    private static Map<String, Object> ceiling(MailServer mail, int mails) throws Exception {
        MimeMessage sample = mail.received().stream().filter(m -> MailServer.header(m, "Message-ID").contains(".purchase-confirmation."))
                .findFirst().orElseThrow();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        sample.writeTo(raw);
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        Session session = Session.getInstance(p);
        Set<String> before = new HashSet<>();
        mail.received().forEach(m -> before.add(MailServer.header(m, "Message-ID")));
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < mails; i++) {
                MimeMessage copy = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
                copy.setHeader("Message-ID", "<ceiling-" + i + "@bench.test>");
                transport.sendMessage(copy, copy.getRecipients(Message.RecipientType.TO));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long received = mail.received().stream().filter(m -> MailServer.header(m, "Message-ID").startsWith("<ceiling-")).count();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "ceiling: one client, one connection, rendered mail (" + raw.size() / 1024 + " KB)");
        row.put("nodes", 0);
        row.put("mails_per_s", round(mails / seconds));
        row.put("seconds", round(seconds));
        row.put("sent", (long) mails);
        row.put("received_once", received);
        row.put("duplicates", 0L);
        row.put("cpu_s", Map.of());
        System.out.println("ceiling " + row);
        return row;
    }

    private static void awaitSent(BenchPlatform platform, String messageIdCondition, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (platform.count("SELECT count(*) FROM " + BenchPlatform.SCHEMA + ".notification WHERE status = 'SENT' AND message_id "
                    + messageIdCondition) >= wanted) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Not all " + wanted + " mails were sent within " + timeout);
    }

    private static String sandboxSecret(BenchPlatform platform) throws Exception {
        String sealed = platform.text("SELECT sealed_credentials FROM " + BenchPlatform.SCHEMA + ".payment_settings WHERE provider = 'sandbox'");
        Matcher m = Pattern.compile("\"webhookSecret\":\"([^\"]+)\"").matcher(new SecretBox(platform.masterKey).open("flash", sealed));
        if (!m.find()) {
            throw new IllegalStateException("no sandbox secret");
        }
        return m.group(1);
    }

    private static String find(Pattern pattern, HttpResponse<String> response, int status) {
        Matcher m = pattern.matcher(response.body());
        if (response.statusCode() != status || !m.find()) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    private static HttpResponse<String> send(PayaraMicroNode node, String path, String token, String key, String body, String signature)
            throws Exception {
        return CheckoutBench.send(node, path, token, key, body, signature, null);
    }
}
