package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.runAll;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static io.ticketing.storefront.ShopCalls.as;
import static io.ticketing.storefront.ShopCalls.base;
import static io.ticketing.storefront.ShopCalls.request;
import static io.ticketing.storefront.TicketScans.scanPage;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.MailServer;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Mail after the sale, on two Payara Micro nodes, a real SMTP server (GreenMail) of this test's own, PostgreSQL
 * and Keycloak: a paid order's confirmation in the buyer's language, once; a burst of paid orders while the mail
 * server is down, every mail arriving once after it is back (counted by Message-ID); a message that cannot be
 * made parked, shown to staff, and sent after their retry; the organizer's own wording and sender.
 */
class NotificationsIT {

    private static final String PASSWORD = "buyer-pass-1";
    private static final String[] LANGUAGES = {"en", "de-DE,de;q=0.9", "zh-CN,zh;q=0.9"};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LINK = Pattern.compile("(http://\\S+/orders/[0-9a-f-]{36}\\?key=[A-Za-z0-9_-]+)");

    private static MailServer mail;
    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static CatalogFixtures catalog;
    private static long venue;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static Map<String, String> relaySettings;

    @BeforeAll
    static void start() throws Exception {
        mail = MailServer.start(PayaraMicroNode.freePort(), null);
        fixtures = new RealmFixtures();
        int http1 = PayaraMicroNode.freePort(); // the realms send browsers back to node 1
        shop = fixtures.tenant("mail-a", "http://127.0.0.1:" + http1);
        otherShop = fixtures.tenant("mail-b", "http://127.0.0.1:" + http1);
        for (int b = 0; b < LANGUAGES.length; b++) {
            fixtures.user(shop, buyer(b), PASSWORD);
        }
        fixtures.user(shop, "admin@mail-a.test", PASSWORD, "organizer-admin");
        fixtures.user(otherShop, "admin@mail-b.test", PASSWORD, "organizer-admin");
        catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        venue = catalog.venue("Harbour Hall", "Hamburg", "DE", ZoneId.of("Europe/Berlin"));
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        String cluster = "mail-" + ProcessHandle.current().pid();
        Map<String, String> settings = new HashMap<>(mail.nodeProperties());
        // Quick retries, so an outage of seconds is over in seconds; parked after six failed attempts.
        settings.put("ticketing.notifications.retry-base-seconds", "1");
        settings.put("ticketing.notifications.retry-max-seconds", "2");
        settings.put("ticketing.notifications.max-attempts", "6");
        relaySettings = Map.copyOf(settings);
        node1 = storefrontNode("mail1", http1, hz1, List.of(hz1, hz2), cluster, settings);
        node2 = storefrontNode("mail2", hz2, List.of(hz1, hz2), cluster, settings);
        node1.awaitReady(URI.create(base(node1, shop) + "api/events"), Duration.ofMinutes(4));
        node2.awaitReady(URI.create(base(node2, shop) + "api/events"), Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        stopAll(fixtures, node1, node2);
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aPaidOrderGetsOneConfirmationInTheBuyersLanguageWithALinkThatOpensTheOrder() throws Exception {
        long type = ticketType("Confirmation", 20, 2500);
        String orderId = placeOrder(node1, 1, type, 2, "confirm-de-1");
        pay(node2, orderId, Money.ofMinor(5000, "EUR"));

        MimeMessage message = mail.await(m -> MailServer.recipients(m).contains(buyer(1)) && body(m).contains(orderId), 1,
                Duration.ofSeconds(60)).get(0);
        assertThat(message.getSubject()).startsWith("Ihre Tickets: Confirmation night");
        assertThat(MailServer.header(message, "Message-ID"))
                .matches("<[0-9a-f-]{36}\\.purchase-confirmation\\." + shop.tenant().slug().value() + "@platform\\.test>");
        assertThat(message.getFrom()[0].toString()).contains(shop.tenant().displayName()).contains("<tickets@platform.test>");
        Map<String, String> parts = parts(message);
        assertThat(parts).containsKeys("text/plain", "text/html");
        String text = parts.get("text/plain").replace('\u00a0', ' '); // German money has a no-break space before the €
        assertThat(text).contains("Hallo Test buyer1,").contains("2 × Confirmation: 50,00 €").contains("Bezahlt: 50,00 €")
                .contains("Harbour Hall, Hamburg");
        assertThat(parts.get("text/html")).contains("<a href=\"http://127.0.0.1:" + node1.httpPort() + "/t/");

        // the link in the mail opens the order, in a browser that never signed in
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(orderId.substring(0, 8));

        // one PDF per ticket, each QR code a genuine pass of this shop that checks in once, and only once
        List<byte[]> pdfs = attachments(message, "application/pdf");
        assertThat(pdfs).hasSize(2);
        String admin = token(shop, "admin@mail-a.test");
        long event = count("SELECT event_id FROM %s.ticket_type WHERE id = " + type);
        for (byte[] pdf : pdfs) {
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                assertThat(document.getNumberOfPages()).isEqualTo(1);
                String pass = scanPage(document, 0);
                assertThat(pass).startsWith("TKT1." + shop.tenant().slug().value() + ".");
                String checkin = "{\"code\": \"" + pass + "\", \"eventId\": " + event + "}";
                JsonObject first = json(as(node2, shop, admin, "POST", "api/manage/checkin", checkin));
                assertThat(first.getBoolean("admitted")).as(first.toString()).isTrue();
                JsonObject again = json(as(node1, shop, admin, "POST", "api/manage/checkin", checkin));
                assertThat(again.getBoolean("admitted")).isFalse();
                assertThat(again.getString("reason")).isEqualTo("already_admitted");
            }
        }

        // once, on either node: one delivery, sent, tried once
        Thread.sleep(4000); // two more relay rounds on both nodes: nothing else may arrive
        assertThat(mail.to(buyer(1)).stream().filter(m -> body(m).contains(orderId))).hasSize(1);
        assertThat(count("SELECT count(*) FROM %s.notification WHERE order_id = '" + orderId + "' AND status = 'SENT' AND attempts = 1"))
                .isEqualTo(1);

        // a declined payment: the buyer hears that nothing was charged, in English here
        String declined = placeOrder(node2, 0, type, 1, "confirm-declined-1");
        callback(node1, "evt-" + declined, "payment.declined", paymentRef(declined), Money.ofMinor(2500, "EUR"));
        MimeMessage sorry = mail.await(m -> MailServer.recipients(m).contains(buyer(0)) && subject(m).contains("did not go through"),
                1, Duration.ofSeconds(60)).get(0);
        assertThat(parts(sorry).get("text/plain")).contains("Nothing was charged").contains(declined.substring(0, 8).toUpperCase());
    }

    @Test
    void mailsOfPaidOrdersArriveOnceEachAfterTheMailServerComesBack() throws Exception {
        int orders = 200;
        long type = ticketType("Outage", orders * 2, 1000);
        List<Callable<String>> placing = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            int n = i;
            placing.add(() -> placeOrder(n % 2 == 0 ? node1 : node2, n % LANGUAGES.length, type, 1, "outage-" + n));
        }
        List<String> ids = runAll(placing, 8);
        Set<String> ours = Set.copyOf(ids);
        String slug = shop.tenant().slug().value();
        double sentBefore = ClusterTestSupport.counted(List.of(node1, node2), "ticketing_messages_total", slug, "sent");

        // the first 50 paid with the server up
        runAll(ids.subList(0, 50).stream().map(id -> (Callable<Integer>) () -> pay(ids.indexOf(id) % 2 == 0 ? node2 : node1, id,
                Money.ofMinor(1000, "EUR"))).toList(), 8);
        awaitSent(ids.subList(0, 50), Duration.ofSeconds(90));

        // down (while nothing is being sent): the other 150 are paid, and the relays find the server gone
        mail.stop();
        runAll(ids.subList(50, orders).stream().map(id -> (Callable<Integer>) () -> pay(ids.indexOf(id) % 2 == 0 ? node2 : node1, id,
                Money.ofMinor(1000, "EUR"))).toList(), 8);
        long seenDown = 0;
        for (int i = 0; i < 60 && seenDown == 0; i++) {
            Thread.sleep(500);
            seenDown = count("SELECT count(*) FROM %s.notification WHERE status = 'PENDING' AND last_error LIKE '%%cannot be reached%%'");
        }
        assertThat(seenDown).as("a relay tried while the server was down").isPositive();
        assertThat(count("SELECT count(*) FROM %s.notification WHERE status = 'SENT' AND order_id IN (" + in(ids.subList(50, orders)) + ")"))
                .as("nothing sent while down").isZero();
        Thread.sleep(3000); // a few more failing rounds on both nodes
        // What an operator's alert watches: mail waiting, and for how long (measured by the relays every ~10 s).
        double waiting = 0;
        for (int i = 0; i < 60 && waiting == 0; i++) {
            waiting = ClusterTestSupport.counted(List.of(node1), "ticketing_outbox_waiting", slug, null);
            Thread.sleep(waiting == 0 ? 500 : 0);
        }
        assertThat(waiting).as("the backlog gauge sees the mail waiting").isPositive();
        assertThat(ClusterTestSupport.counted(List.of(node1), "ticketing_outbox_oldest_seconds", slug, null)).isPositive();
        assertThat(ClusterTestSupport.counted(List.of(node1, node2), "ticketing_messages_total", slug, "failed"))
                .as("the relays' failed attempts are counted").isPositive();

        mail.restart();
        awaitSent(ids, Duration.ofSeconds(120));
        Thread.sleep(4000); // and two more rounds: a resend would show now

        // every order's confirmation arrived, each exactly once (a Message-ID is the same on every attempt)
        Map<String, Long> byMessageId = mail.received().stream()
                .filter(m -> MailServer.header(m, "Message-ID").contains(".purchase-confirmation." + shop.tenant().slug().value() + "@"))
                .filter(m -> ours.stream().anyMatch(id -> body(m).contains("orders/" + id + "?")))
                .collect(Collectors.groupingBy(m -> MailServer.header(m, "Message-ID"), Collectors.counting()));
        assertThat(byMessageId).hasSize(orders);
        assertThat(byMessageId.values()).allMatch(n -> n == 1);
        assertThat(count("SELECT count(*) FROM %s.notification WHERE kind = 'PURCHASE_CONFIRMATION' AND status = 'SENT' AND order_id IN ("
                + in(ids) + ")")).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM %s.notification WHERE order_id IN (" + in(ids) + ") AND status = 'PARKED'")).isZero();
        assertThat(ClusterTestSupport.counted(List.of(node1, node2), "ticketing_messages_total", slug, "sent") - sentBefore)
                .as("every confirmation counted as sent, over both nodes").isGreaterThanOrEqualTo(orders);
    }

    @Test
    void aMessageThatCannotBeMadeIsParkedShownToStaffAndSentAfterTheirRetry() throws Exception {
        // A wording saved before the model changed (the API checks what it saves; an old row may not fit any more).
        sql("INSERT INTO " + shop.tenant().schemaName() + ".message_template (kind, language, subject, body) "
                + "VALUES ('PURCHASE_CONFIRMATION', 'zh-CN', '门票', '{{order.seat}}')");
        long type = ticketType("Parked", 10, 1500);
        String orderId = placeOrder(node1, 2, type, 1, "parked-1");
        pay(node1, orderId, Money.ofMinor(1500, "EUR"));

        String admin = token(shop, "admin@mail-a.test");
        JsonObject parked = null;
        for (int i = 0; i < 120 && parked == null; i++) {
            Thread.sleep(500);
            JsonObject list = json(as(node2, shop, admin, "GET", "api/manage/notifications?status=PARKED", null));
            parked = list.getJsonArray("deliveries").getValuesAs(JsonObject.class).stream()
                    .filter(d -> orderId.equals(d.getString("orderId"))).findFirst().orElse(null);
        }
        assertThat(parked).as("parked after its attempts").isNotNull();
        assertThat(parked.getInt("attempts")).isEqualTo(6);
        assertThat(parked.getString("lastError")).contains("cannot be filled in").contains("seat");
        assertThat(mail.to(buyer(2)).stream().filter(m -> body(m).contains(orderId))).isEmpty();
        long id = parked.getJsonNumber("id").longValue();

        // another shop's staff can neither see nor retry it
        String otherAdmin = token(otherShop, "admin@mail-b.test");
        assertThat(as(node1, otherShop, otherAdmin, "POST", "api/manage/notifications/" + id + "/retry", "").statusCode()).isEqualTo(404);
        assertThat(as(node1, otherShop, otherAdmin, "GET", "api/manage/notifications?status=PARKED", null).body()).doesNotContain(orderId);
        // nor can a buyer
        assertThat(as(node1, shop, token(shop, buyer(2)), "POST", "api/manage/notifications/" + id + "/retry", "").statusCode()).isEqualTo(403);

        // staff put the wording back and retry: it goes out, once
        assertThat(as(node1, shop, admin, "DELETE", "api/manage/notifications/templates/purchase-confirmation/zh-CN", null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> retried = as(node1, shop, admin, "POST", "api/manage/notifications/" + id + "/retry", "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(as(node1, shop, admin, "POST", "api/manage/notifications/" + id + "/retry", "").statusCode())
                .as("no longer parked").isEqualTo(404);
        MimeMessage sent = mail.await(m -> MailServer.recipients(m).contains(buyer(2)) && body(m).contains(orderId), 1,
                Duration.ofSeconds(60)).get(0);
        assertThat(sent.getSubject()).startsWith("您的门票");
        assertThat(parts(sent).get("text/plain")).contains("实付：€15.00");
        assertThat(json(as(node1, shop, admin, "GET", "api/manage/checkout/audit", null)).toString()).contains("notification.retry");
    }

    @Test
    void theOrganizersWordingAndSenderAreUsedAndATemplateCannotReachBeyondItsModel() throws Exception {
        String admin = token(shop, "admin@mail-a.test");
        String path = "api/manage/notifications/templates/purchase-confirmation/en";
        HttpResponse<String> probing = as(node1, shop, admin, "PUT", path,
                "{\"subject\": \"Hi\", \"body\": \"{{shop.name.class.classLoader}}\"}");
        assertThat(probing.statusCode()).as(probing.body()).isEqualTo(422);
        assertThat(probing.body()).contains("cannot be filled in");
        HttpResponse<String> preview = as(node1, shop, admin, "POST", path + "/preview",
                "{\"subject\": \"Your passes, {{buyer.name}}\", \"body\": \"See you at {{#events}}{{venue}}{{/events}}: {{order.link}}\"}");
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(json(preview).getString("subject")).isEqualTo("Your passes, Ada Lovelace");
        assertThat(json(preview).getString("html")).contains("See you at City Hall: <a href=");

        try {
            assertThat(as(node1, shop, admin, "PUT", path,
                    "{\"subject\": \"Your passes for {{#events}}{{title}}{{/events}}\", \"body\": \"Door opens early. {{order.link}}\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(json(as(node1, shop, admin, "GET", path, null)).getBoolean("custom")).isTrue();
            HttpResponse<String> sender = as(node2, shop, admin, "PUT", "api/manage/notifications/settings",
                    "{\"senderName\": \"Harbour Box Office\", \"replyTo\": \"boxoffice@mail-a.test\", \"staffAlerts\": \"crew@mail-a.test\"}");
            assertThat(sender.statusCode()).as(sender.body()).isEqualTo(200);
            assertThat(as(node2, shop, admin, "PUT", "api/manage/notifications/settings", "{\"replyTo\": \"not an address\"}").statusCode())
                    .isEqualTo(422);

            long type = ticketType("Wording", 10, 900);
            String orderId = placeOrder(node2, 0, type, 1, "wording-1");
            pay(node1, orderId, Money.ofMinor(900, "EUR"));
            MimeMessage message = mail.await(m -> MailServer.recipients(m).contains(buyer(0)) && body(m).contains(orderId), 1,
                    Duration.ofSeconds(60)).get(0);
            assertThat(message.getSubject()).isEqualTo("Your passes for Wording night");
            assertThat(message.getFrom()[0].toString()).startsWith("Harbour Box Office <tickets@platform.test>");
            assertThat(message.getReplyTo()[0].toString()).isEqualTo("boxoffice@mail-a.test");

            // a flagged order alerts the staff address the shop set
            String flagged = placeOrder(node1, 0, type, 1, "wording-flagged");
            pay(node2, flagged, Money.ofMinor(1, "EUR")); // paid the wrong amount: flagged for review
            MimeMessage alert = mail.await(m -> MailServer.recipients(m).contains("crew@mail-a.test"), 1, Duration.ofSeconds(60)).get(0);
            assertThat(alert.getSubject()).contains(flagged.substring(0, 8).toUpperCase()).contains("needs your attention");
            assertThat(parts(alert).get("text/plain")).contains("paid 0.01 EUR for a total of 9.00 EUR");
        } finally {
            as(node1, shop, admin, "DELETE", path, null);
            as(node1, shop, admin, "PUT", "api/manage/notifications/settings", "{}");
        }
    }

    @Test
    void aNodeKilledWhileSendingCostsAtMostTheOneMailItWasSendingTwice() throws Exception {
        // A third node, alone in its own cluster (the relay shares work through the database only), killed mid-burst.
        int hz3 = PayaraMicroNode.freePort();
        PayaraMicroNode doomed = storefrontNode("mail3", hz3, List.of(hz3), "mail3-" + ProcessHandle.current().pid(), relaySettings);
        try {
            doomed.awaitReady(URI.create(base(doomed, shop) + "api/events"), Duration.ofMinutes(4));
            long type = ticketType("Killed", 10, 700);
            String orderId = placeOrder(node1, 0, type, 1, "killed-1");
            pay(node1, orderId, Money.ofMinor(700, "EUR"));
            awaitSent(List.of(orderId), Duration.ofSeconds(60));
            int burst = 300;
            sql("INSERT INTO " + shop.tenant().schemaName() + ".notification (kind, channel, order_id, language, message_id) "
                    + "SELECT 'PURCHASE_CONFIRMATION', 'EMAIL', '" + orderId + "', 'en', '<killed-' || g || '@it.test>' FROM generate_series(1, " + burst + ") g");
            long sent = 0;
            for (int i = 0; i < 400 && sent < 40; i++) {
                Thread.sleep(25);
                sent = count("SELECT count(*) FROM %s.notification WHERE message_id LIKE '<killed-%%' AND status = 'SENT'");
            }
            doomed.kill(); // no shutdown: whatever it was sending stays unmarked
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (count("SELECT count(*) FROM %s.notification WHERE message_id LIKE '<killed-%%' AND status = 'SENT'") < burst
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            Map<String, Long> byId = mail.received().stream().map(m -> MailServer.header(m, "Message-ID"))
                    .filter(id -> id != null && id.startsWith("<killed-"))
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            long duplicates = byId.values().stream().mapToLong(n -> n - 1).sum();
            System.out.println("Killed a node while the relay sent " + burst + " mails: " + duplicates + " sent twice");
            assertThat(byId).as("every mail arrived").hasSize(burst);
            assertThat(duplicates).as("only the mail in flight when the node died may go twice").isLessThanOrEqualTo(1);
            assertThat(count("SELECT count(*) FROM %s.notification WHERE message_id LIKE '<killed-%%' AND status = 'SENT'")).isEqualTo(burst);
        } finally {
            doomed.stop();
        }
    }

    @Test
    void staffSeeParkedMailAndSendItAgainAndAdminsWordMessagesOnThePage() throws Exception {
        long type = ticketType("Page", 10, 1200);
        String orderId = placeOrder(node1, 0, type, 1, "page-order-1");
        pay(node1, orderId, Money.ofMinor(1200, "EUR"));
        awaitSent(List.of(orderId), Duration.ofSeconds(60));
        // a mail the server refused again and again, as staff find it
        sql("INSERT INTO " + shop.tenant().schemaName() + ".notification (kind, channel, order_id, language, message_id, status, attempts,"
                + " last_error, parked_at) VALUES ('PURCHASE_CONFIRMATION', 'EMAIL', '" + orderId + "', 'en', '<page-parked@it.test>', 'PARKED', 8,"
                + " 'The mail server refused the message: 550 mailbox unavailable', now())");
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.ignoring(org.openqa.selenium.WebDriverException.class); // stale, or "node does not belong to the document", while a page is replaced
            browser.get(base(node1, shop) + "manage/messages.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
            browser.findElement(By.id("username")).sendKeys("admin@mail-a.test");
            browser.findElement(By.id("password")).sendKeys(PASSWORD + Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("messages-title")));
            assertThat(browser.findElement(By.id("area-messages")).getAttribute("aria-current")).isEqualTo("page");
            org.openqa.selenium.WebElement row = browser.findElement(By.cssSelector("tr.parked-row"));
            assertThat(row.getText()).contains("Purchase confirmation").contains(orderId.substring(0, 8).toUpperCase())
                    .contains("550 mailbox unavailable");
            Chromium.screenshot(browser, "messages");
            Axe.assertClean(browser, "messages");
            Keyboard.assertFocusVisible(browser, "messages");

            // send it again: it goes out, and the row is gone
            row.findElement(By.cssSelector("input.retry")).click();
            wait.until(Chromium.gone(row));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("queued again");
            mail.await(m -> "<page-parked@it.test>".equals(MailServer.header(m, "Message-ID")), 1, Duration.ofSeconds(60));
            assertThat(browser.findElements(By.cssSelector("tr.parked-row[data-id]")).stream()
                    .filter(r -> r.getText().contains(orderId.substring(0, 8).toUpperCase()))).isEmpty();

            // the German purchase confirmation in the shop's own words, previewed first
            browser.get(base(node1, shop) + "manage/messages.xhtml?kind=purchase-confirmation&language=de");
            assertThat(browser.findElement(By.id("wording-state")).getText()).contains("platform");
            org.openqa.selenium.WebElement subject = browser.findElement(By.id("wording:subject"));
            assertThat(subject.getAttribute("value")).startsWith("Ihre Tickets");
            subject.clear();
            subject.sendKeys("Eure Karten, {{buyer.name}} ({{order.number}})");
            browser.findElement(By.id("wording:preview")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-subject")));
            assertThat(browser.findElement(By.id("preview-subject")).getText()).isEqualTo("Eure Karten, Erika Mustermann (1A2B3C4D)");
            assertThat(browser.findElement(By.id("preview-html")).getAttribute("sandbox")).isEmpty();
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('preview-title').scrollIntoView();");
            Chromium.screenshot(browser, "messages-preview");
            Axe.assertClean(browser, "messages-preview");
            browser.findElement(By.id("wording:saveWording")).click();
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("wording is saved"));
            assertThat(json(as(node2, shop, token(shop, "admin@mail-a.test"), "GET",
                    "api/manage/notifications/templates/purchase-confirmation/de", null)).getString("subject"))
                    .isEqualTo("Eure Karten, {{buyer.name}} ({{order.number}})");
            // a wording that names what a mail does not have is refused, and says why
            org.openqa.selenium.WebElement body = browser.findElement(By.id("wording:body"));
            body.clear();
            body.sendKeys("{{order.seat}}");
            browser.findElement(By.id("wording:preview")).click();
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("cannot be used"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("seat");
            browser.get(base(node1, shop) + "manage/messages.xhtml?kind=purchase-confirmation&language=de");
            browser.findElement(By.id("wording:reset")).click();
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("platform’s wording is used again"));
            assertThat(browser.findElement(By.id("wording:subject")).getAttribute("value")).startsWith("Ihre Tickets");

            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.get(base(node1, shop) + "manage/messages.xhtml");
            Chromium.screenshot(browser, "messages-390");
            Axe.assertClean(browser, "messages-390");
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;")).as("no sideways scrolling").isTrue();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPromotionReachesOnlyBuyersWhoAgreedAndAOneClickUnsubscribeIsHonouredByTheNext() throws Exception {
        for (String who : List.of("fan1", "fan2", "quiet")) {
            fixtures.user(shop, who + "@mail-a.test", PASSWORD);
        }
        long type = ticketType("Promotion", 10, 500);
        orderAs("fan1@mail-a.test", type, true, "promo-fan1");
        orderAs("fan2@mail-a.test", type, true, "promo-fan2");
        orderAs("quiet@mail-a.test", type, false, "promo-quiet");
        String admin = token(shop, "admin@mail-a.test");

        HttpResponse<String> queued = as(node1, shop, admin, "POST", "api/manage/promotions",
                "{\"subject\": \"Autumn dates on sale\", \"body\": \"Three more nights in October.\"}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        List<MimeMessage> first = mail.await(m -> subject(m).equals("Autumn dates on sale"), 2, Duration.ofSeconds(60));
        assertThat(first.stream().map(MailServer::recipients)).containsExactlyInAnyOrder("fan1@mail-a.test", "fan2@mail-a.test");
        MimeMessage toFan1 = first.stream().filter(m -> MailServer.recipients(m).equals("fan1@mail-a.test")).findFirst().orElseThrow();
        assertThat(body(toFan1)).contains("Three more nights in October.").contains("agreed to hear from");
        assertThat(MailServer.header(toFan1, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String oneClick = MailServer.header(toFan1, "List-Unsubscribe").replaceAll("^<|>$", "");
        assertThat(oneClick).contains("/api/unsubscribe/");
        Matcher page = Pattern.compile("(http://\\S+/unsubscribe\\?t=\\S+)").matcher(body(toFan1));
        assertThat(page.find()).isTrue();

        // the link opens a page that asks first (mail scanners follow links); another shop does not know the token
        HttpResponse<String> asked = HTTP.send(HttpRequest.newBuilder(URI.create(page.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("id=\"unsubscribe:confirm\"");
        String token = oneClick.substring(oneClick.lastIndexOf('/') + 1);
        assertThat(oneClickPost(base(node2, otherShop) + "api/unsubscribe/" + token).statusCode()).isEqualTo(404);
        assertThat(oneClickPost(oneClick.replace(token, token.substring(0, token.length() - 2) + "xx")).statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(page.group(1) + "x")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);

        // one click, as a mail program does it
        HttpResponse<String> unsubscribed = oneClickPost(oneClick);
        assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
        assertThat(json(unsubscribed).getBoolean("already")).isFalse();
        assertThat(json(oneClickPost(oneClick)).getBoolean("already")).isTrue();

        // the next promotion goes to fan2 only
        assertThat(as(node2, shop, admin, "POST", "api/manage/promotions",
                "{\"subject\": \"Winter dates on sale\", \"body\": \"And two in December.\"}").statusCode()).isEqualTo(202);
        List<MimeMessage> second = mail.await(m -> subject(m).equals("Winter dates on sale"), 1, Duration.ofSeconds(60));
        Thread.sleep(4000); // the relay has had its rounds: nothing for fan1 may follow
        assertThat(mail.received().stream().filter(m -> subject(m).equals("Winter dates on sale")).map(MailServer::recipients))
                .containsExactly("fan2@mail-a.test");
        assertThat(second).hasSize(1);
        JsonObject latest = json(as(node1, shop, admin, "GET", "api/manage/promotions", null)).getJsonArray("promotions").getJsonObject(0);
        assertThat(latest.getString("subject")).isEqualTo("Winter dates on sale");
        assertThat(latest.getInt("recipients")).isEqualTo(1);
        assertThat(latest.getInt("sent")).isEqualTo(1);
        // a buyer may not send promotions; only the shop's admins may
        assertThat(as(node1, shop, token(shop, buyer(0)), "POST", "api/manage/promotions", "{\"subject\": \"x\", \"body\": \"y\"}")
                .statusCode()).isEqualTo(403);
    }

    private static void orderAs(String email, long type, boolean consent, String key) throws Exception {
        String token = token(shop, email);
        HttpRequest.Builder hold = request(node1, shop, token, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": 1}");
        HttpResponse<String> held = HTTP.send(hold.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        HttpRequest.Builder order = request(node2, shop, token, "POST", "api/orders", "{\"holdIds\": [\"" + json(held).getString("holdId")
                + "\"], \"buyer\": {\"marketingConsent\": " + consent + "}}");
        order.header("Idempotency-Key", key);
        HttpResponse<String> placed = HTTP.send(order.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    }

    private static HttpResponse<String> oneClickPost(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- the shop, as buyers and the payment provider use it

    private static String placeOrder(PayaraMicroNode node, int buyer, long type, int quantity, String key) throws Exception {
        String language = LANGUAGES[buyer];
        HttpResponse<String> hold = send(node, buyer, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": " + quantity + "}",
                null, language);
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        HttpResponse<String> order = send(node, buyer, "POST", "api/orders",
                "{\"holdIds\": [\"" + json(hold).getString("holdId") + "\"]}", key, language);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        return json(order).getString("orderId");
    }

    private static int pay(PayaraMicroNode node, String orderId, Money amount) throws Exception {
        HttpResponse<String> paid = callback(node, "evt-" + orderId, "payment.paid", paymentRef(orderId), amount);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return paid.statusCode();
    }

    private static HttpResponse<String> callback(PayaraMicroNode node, String event, String type, String ref, Money amount) throws Exception {
        Instant at = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody(event, type, ref, amount, at);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(node, shop) + "api/payments/callback/sandbox"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(secret(), at, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static volatile String secret;

    /** The shop's sandbox signing secret, as the sandbox's own server knows it. */
    private static String secret() {
        if (secret == null) {
            String sealed = queryText("SELECT sealed_credentials FROM " + shop.tenant().schemaName() + ".payment_settings WHERE provider = 'sandbox'");
            String credentials = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(shop.tenant().slug().value(), sealed);
            secret = Json.createReader(new StringReader(credentials)).readObject().getString("webhookSecret");
        }
        return secret;
    }

    private static String paymentRef(String orderId) {
        return queryText("SELECT payment_ref FROM " + shop.tenant().schemaName() + ".customer_order WHERE id = '" + orderId + "'");
    }

    private static HttpResponse<String> send(PayaraMicroNode node, int buyer, String method, String path, String body, String key,
                                             String language) throws Exception {
        HttpRequest.Builder request = request(node, shop, token(shop, buyer(buyer)), method, path, body);
        request.header("Accept-Language", language);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(RealmFixtures.TenantRealm realm, String email) {
        return TOKENS.computeIfAbsent(realm.realm() + "|" + email, k -> fixtures.token(realm, email, PASSWORD));
    }

    private static long ticketType(String name, int capacity, long priceMinor) {
        long event = catalog.eventOnSale(venue, name + " night", "Test", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30),
                "EUR", name, priceMinor);
        long type = count("SELECT id FROM %s.ticket_type WHERE event_id = " + event);
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket_type SET capacity = " + capacity + ", max_per_order = 10 WHERE id = " + type);
        return type;
    }

    private static void awaitSent(List<String> orderIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sent = 0;
        while (System.nanoTime() < deadline) {
            sent = count("SELECT count(*) FROM %s.notification WHERE status = 'SENT' AND order_id IN (" + in(orderIds) + ")");
            if (sent == orderIds.size()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Sent " + sent + " of " + orderIds.size() + " within " + timeout);
    }

    private static String in(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }

    private static String buyer(int b) {
        return "buyer" + b + "@mail-a.test";
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static long count(String sqlWithSchema) {
        return queryLong(String.format(sqlWithSchema, shop.tenant().schemaName()));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        return parts(m).getOrDefault("text/plain", "");
    }

    /** The contents of the message's attachments of this type. */
    private static List<byte[]> attachments(MimeMessage m, String type) throws Exception {
        List<byte[]> found = new ArrayList<>();
        if (m.getContent() instanceof Multipart mixed) {
            for (int i = 0; i < mixed.getCount(); i++) {
                BodyPart part = mixed.getBodyPart(i);
                if (part.getContentType().toLowerCase().startsWith(type) && jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    found.add(part.getInputStream().readAllBytes());
                }
            }
        }
        return found;
    }

    /** The message's parts by content type (the first of each). */
    static Map<String, String> parts(MimeMessage m) {
        Map<String, String> parts = new HashMap<>();
        try {
            collect(m.getContent(), m.getContentType(), parts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return parts;
    }

    private static void collect(Object content, String type, Map<String, String> parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else if (content instanceof String text) {
            parts.putIfAbsent(type.split(";")[0].strip().toLowerCase(), text);
        }
    }
}
