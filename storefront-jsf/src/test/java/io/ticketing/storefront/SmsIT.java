package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static io.ticketing.storefront.ShopCalls.as;
import static io.ticketing.storefront.ShopCalls.base;
import static io.ticketing.storefront.ShopCalls.request;
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
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * SMS after the sale on two Payara Micro nodes, PostgreSQL, Keycloak and Chromium, through the development channel
 * {@code sms-log} (one file per message in the shop's folder of this test's own directory): a shop's admin chooses it;
 * a buyer who gives a number and asks for SMS gets exactly one, in their language, with the order's link, beside the
 * unchanged mail; without asking, none; the number is sealed in the database; another shop sees nothing of the first
 * shop's settings and offers no SMS; the checkout page's phone field and checkbox, in Chromium, with axe and the keyboard.
 */
class SmsIT {

    private static final String PASSWORD = "sms-pass-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LINK = Pattern.compile("(http://\\S+/orders/[0-9a-f-]{36}\\?key=[A-Za-z0-9_-]+)");

    private static Path smsDir;
    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static CatalogFixtures catalog;
    private static long venue;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;

    @BeforeAll
    static void start() throws Exception {
        smsDir = Files.createTempDirectory("sms-log");
        fixtures = new RealmFixtures();
        shop = fixtures.tenant("sms-a", "http://127.0.0.1");
        otherShop = fixtures.tenant("sms-b", "http://127.0.0.1");
        for (var s : List.of(shop, otherShop)) {
            sql("UPDATE " + s.tenant().schemaName() + ".checkout_settings SET guest_checkout = true");
        }
        for (String buyer : List.of("de", "zh", "quiet", "bad")) {
            fixtures.user(shop, buyer + "@sms-a.test", PASSWORD);
        }
        fixtures.user(shop, "admin@sms-a.test", PASSWORD, "organizer-admin");
        fixtures.user(otherShop, "admin@sms-b.test", PASSWORD, "organizer-admin");
        catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        venue = catalog.venue("Canal Stage", "Berlin", "DE", ZoneId.of("Europe/Berlin"));
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        String cluster = "sms-" + ProcessHandle.current().pid();
        Map<String, String> settings = Map.of("ticketing.sms.log-dir", smsDir.toString(),
                "ticketing.notifications.retry-base-seconds", "1", "ticketing.notifications.retry-max-seconds", "2");
        node1 = storefrontNode("sms1", hz1, List.of(hz1, hz2), cluster, settings);
        node2 = storefrontNode("sms2", hz2, List.of(hz1, hz2), cluster, settings);
        node1.awaitReady(URI.create(base(node1, shop) + "api/events"), Duration.ofMinutes(4));
        node2.awaitReady(URI.create(base(node2, shop) + "api/events"), Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws IOException {
        stopAll(fixtures, node1, node2);
        if (smsDir != null) {
            try (Stream<Path> files = Files.walk(smsDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theShopsAdminChoosesTheSmsChannelAndNobodyElseSeesOrChangesIt() throws Exception {
        String admin = token(shop, "admin@sms-a.test");
        smsOn();
        JsonObject listed = json(as(node2, shop, admin, "GET", "api/manage/notifications/channels", null));
        JsonObject smsLog = listed.getJsonArray("channels").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("channel").equals("sms-log")).findFirst().orElseThrow();
        assertThat(smsLog.getString("medium")).isEqualTo("SMS");
        assertThat(smsLog.getBoolean("configured")).isTrue();
        assertThat(smsLog.getBoolean("active")).isTrue();
        assertThat(listed.toString()).as("Twilio's SDK is not in the WAR: not offered here").doesNotContain("twilio");
        assertThat(as(node1, shop, admin, "PUT", "api/manage/notifications/channels/twilio",
                "{\"credentials\": {\"accountSid\": \"x\"}}").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = as(node1, shop, admin, "PUT", "api/manage/notifications/channels/sms-log", "{\"credentials\": [1]}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(json(bad).getString("field")).isEqualTo("credentials");
        assertThat(json(as(node1, shop, admin, "GET", "api/manage/checkout/audit", null)).toString()).contains("notification.channel");
        // whatever the body, a sentence and a 4xx, never a 5xx, and the channel as it was
        for (String body : List.of("", "[]", "null", "{\"credentials\": null}", "{\"credentials\": {\"a\": 1}}", "{\"active\": \"yes\"}",
                "{\"credentials\": {\"a\": \"" + "x".repeat(5000) + "\"}}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            HttpResponse<String> hostile = as(node2, shop, admin, "PUT", "api/manage/notifications/channels/sms-log", body);
            assertThat(hostile.statusCode()).as(body.length() > 60 ? body.substring(0, 60) : body).isBetween(400, 499);
            assertThat(hostile.body()).doesNotContain("Exception");
        }
        assertThat(queryText("SELECT active::text FROM " + shop.tenant().schemaName() + ".notification_channel WHERE channel = 'sms-log'"))
                .isEqualTo("true");

        // the other shop: its own list, in which nothing is set up, and it offers its buyers no SMS
        String otherAdmin = token(otherShop, "admin@sms-b.test");
        JsonObject other = json(as(node1, otherShop, otherAdmin, "GET", "api/manage/notifications/channels", null));
        assertThat(other.getJsonArray("channels").getValuesAs(JsonObject.class))
                .allMatch(c -> !c.getBoolean("configured") && !c.getBoolean("active"));
        assertThat(queryLong("SELECT count(*) FROM " + otherShop.tenant().schemaName() + ".notification_channel")).isZero();
        // neither a buyer, nor staff of another shop with their own token
        assertThat(as(node1, shop, token(shop, "quiet@sms-a.test"), "GET", "api/manage/notifications/channels", null).statusCode())
                .isEqualTo(403);
        assertThat(as(node1, shop, otherAdmin, "PUT", "api/manage/notifications/channels/sms-log", "{\"active\": false}").statusCode())
                .isEqualTo(401);
        assertThat(queryText("SELECT active::text FROM " + shop.tenant().schemaName() + ".notification_channel WHERE channel = 'sms-log'"))
                .isEqualTo("true");
    }

    @Test
    void aBuyerWhoAsksGetsExactlyOneSmsInTheirLanguageWithTheOrderLinkAndTheirNumberIsSealed() throws Exception {
        smsOn();
        long type = ticketType("Canal", 20, 2000);
        String german = placeOrder(node1, "de@sms-a.test", "de-DE,de;q=0.9", type, "sms-de-1",
                "\"phone\": \"+49 170 1234567\", \"smsConfirmation\": true");
        String chinese = placeOrder(node2, "zh@sms-a.test", "zh-CN,zh;q=0.9", type, "sms-zh-1",
                "\"phone\": \"+86 138 0013 8000\", \"smsConfirmation\": true");
        String quiet = placeOrder(node1, "quiet@sms-a.test", "en", type, "sms-quiet-1", "\"phone\": \"+44 7700 900123\"");
        pay(node2, german, 2000);
        pay(node1, chinese, 2000);
        pay(node2, quiet, 2000);

        String de = awaitSms(german);
        assertThat(de).contains("To: +491701234567").contains("Ihre Bestellung " + german.substring(0, 8).toUpperCase())
                .contains("Ihre Tickets: http://127.0.0.1:");
        String zh = awaitSms(chinese);
        assertThat(zh).contains("To: +8613800138000").contains("您的订单 " + chinese.substring(0, 8).toUpperCase()).contains("您的门票：");
        // the link in the SMS opens the order, in a browser that never signed in
        Matcher link = LINK.matcher(de);
        assertThat(link.find()).as(de).isTrue();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(german.substring(0, 8));

        // the mail is as before: one confirmation each, the quiet buyer's too
        MailServer mail = MailServer.shared();
        for (String order : List.of(german, chinese, quiet)) {
            mail.await(m -> NotificationsIT.parts(m).getOrDefault("text/plain", "").contains(order), 1, Duration.ofSeconds(60));
        }
        Thread.sleep(4000); // two more relay rounds on both nodes: nothing else may arrive
        assertThat(smsFor(german)).hasSize(1);
        assertThat(smsFor(chinese)).hasSize(1);
        assertThat(smsFor(quiet)).as("no SMS without asking").isEmpty();
        String schema = shop.tenant().schemaName();
        assertThat(queryLong("SELECT count(*) FROM " + schema + ".notification WHERE channel = 'SMS' AND status = 'SENT' AND attempts = 1"
                + " AND message_id LIKE '%.purchase-confirmation.sms.%' AND order_id IN ('" + german + "', '" + chinese + "')")).isEqualTo(2);
        assertThat(queryLong("SELECT count(*) FROM " + schema + ".notification WHERE channel = 'SMS' AND order_id = '" + quiet + "'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM " + schema + ".notification WHERE channel = 'EMAIL' AND order_id IN ('" + german + "', '"
                + chinese + "', '" + quiet + "')")).isEqualTo(3);

        // sealed at rest: the stored number is ciphertext of the shop's key, the choice is kept
        String stored = queryText("SELECT buyer_phone FROM " + schema + ".customer_order WHERE id = '" + german + "'");
        assertThat(stored).startsWith("v1.").doesNotContain("1701234567").doesNotContain("170 123");
        assertThat(new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(shop.tenant().slug().value(), stored)).isEqualTo("+491701234567");
        assertThat(queryText("SELECT sms_confirmation::text FROM " + schema + ".customer_order WHERE id = '" + quiet + "'")).isEqualTo("false");
        assertThat(queryLong("SELECT count(*) FROM " + schema + ".customer_order WHERE buyer_phone LIKE '%7700%'")).isZero();

        // the number is the buyer's data: in their export, and gone with their erasure
        String admin = token(shop, "admin@sms-a.test");
        HttpResponse<String> export = as(node1, shop, admin, "POST", "api/manage/buyers/export", "{\"email\": \"de@sms-a.test\"}");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("\"phone\":\"+491701234567\"").contains("\"smsConfirmation\":true");
        HttpResponse<String> erased = as(node2, shop, admin, "POST", "api/manage/buyers/erase", "{\"email\": \"de@sms-a.test\"}");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(queryText("SELECT coalesce(buyer_phone, 'none') || ' ' || sms_confirmation FROM " + schema
                + ".customer_order WHERE id = '" + german + "'")).isEqualTo("none false");
    }

    @Test
    void aNumberThatCannotBeTextedIsRefusedWithASentenceNamingTheField() throws Exception {
        long type = ticketType("Refused", 5, 1000);
        String token = token(shop, "bad@sms-a.test");
        HttpResponse<String> hold = as(node1, shop, token, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": 1}");
        String holdId = json(hold).getString("holdId");
        for (String buyer : List.of("\"phone\": \"0170 1234567\"", "\"phone\": \"+49 170 CALL ME\"", "\"smsConfirmation\": true",
                "\"phone\": \"" + "+49 1".repeat(10) + "\"", "\"phone\": 491701234567")) {
            HttpResponse<String> refused = order(node2, token, "en", holdId, "sms-bad-" + buyer.hashCode(), buyer);
            assertThat(refused.statusCode()).as(buyer + ": " + refused.body()).isIn(400, 422);
            assertThat(refused.body()).as(buyer).contains("buyer.phone").doesNotContain("Exception");
        }
        assertThat(order(node2, token, "en", holdId, "sms-bad-none", "\"phone\": \"0170 1234567\"").body()).contains("country code");
        assertThat(queryLong("SELECT count(*) FROM " + shop.tenant().schemaName() + ".order_hold WHERE hold_id = '" + holdId + "'"))
                .as("no order made").isZero();
    }

    @Test
    void theCheckoutPageAsksForTheNumberAndTheChoiceOnlyWhereTheShopSendsSms() throws Exception {
        smsOn();
        long event = catalog.eventOnSale(venue, "Night Ferry", "Concert", OffsetDateTime.now(ZoneOffset.UTC).plusDays(12), "EUR",
                "Night Ferry", 3000);
        WebDriver browser = Chromium.start("de");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.ignoring(org.openqa.selenium.WebDriverException.class); // stale, or "node does not belong to the document", while a page is replaced
            reserve(browser, wait, shop, event);
            WebElement phone = browser.findElement(By.id("checkout:phone"));
            assertThat(attribute(browser, phone, "type")).isEqualTo("tel");
            assertThat(attribute(browser, phone, "autocomplete")).isEqualTo("tel");
            assertThat(attribute(browser, browser.findElement(By.id("checkout:email")), "autocomplete")).isEqualTo("email");
            assertThat(browser.findElement(By.cssSelector("label[for='checkout:phone']")).getText()).isEqualTo("Handynummer (freiwillig)");
            WebElement sms = browser.findElement(By.id("checkout:sms"));
            assertThat(sms.isSelected()).as("asked for, not assumed").isFalse();
            assertThat(browser.findElement(By.cssSelector("label[for='checkout:sms']")).getText())
                    .isEqualTo("Die Bestätigung meiner Tickets auch per SMS senden");
            Axe.assertClean(browser, "sms-cart");
            Keyboard.assertFocusVisible(browser, "sms-cart");
            showCheckout(browser);
            Chromium.screenshot(browser, "sms-cart");

            // ticked without a number, then a number without its country code: said beside the field, nothing ordered
            browser.findElement(By.id("checkout:email")).sendKeys("ferry@sms-a.test");
            browser.findElement(By.id("checkout:name")).sendKeys("Fritz Fähre");
            browser.findElement(By.id("checkout:sms")).click();
            browser.findElement(By.id("checkout:pay")).click();
            wait.until(d -> fieldError(d).contains("Handynummer an"));
            assertThat(browser.findElement(By.id("checkout:phone")).getAttribute("aria-describedby")).contains("checkout:phone-error");
            browser.findElement(By.id("checkout:phone")).sendKeys("0170 7654321");
            browser.findElement(By.id("checkout:pay")).click();
            wait.until(d -> fieldError(d).contains("Ländervorwahl"));
            Axe.assertClean(browser, "sms-cart-error");
            showCheckout(browser);
            Chromium.screenshot(browser, "sms-cart-error");
            narrow(browser, "sms-cart-error-390");
            assertThat(queryLong("SELECT count(*) FROM " + shop.tenant().schemaName() + ".customer_order o JOIN " + shop.tenant().schemaName()
                    + ".order_line l ON l.order_id = o.id JOIN " + shop.tenant().schemaName() + ".ticket_type t ON t.id = l.ticket_type_id"
                    + " WHERE t.event_id = " + event)).isZero();

            // the typed values were kept; a right number goes through, and the SMS comes after paying
            WebElement field = browser.findElement(By.id("checkout:phone"));
            field.clear();
            field.sendKeys("+49 170 7654321");
            if (!browser.findElement(By.id("checkout:sms")).isSelected()) {
                browser.findElement(By.id("checkout:sms")).click();
            }
            browser.findElement(By.id("checkout:pay")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
            browser.findElement(By.cssSelector("button[value=pay]")).click();
            wait.until(ExpectedConditions.urlMatches(".*/orders/[0-9a-f-]{36}\\?key=.*"));
            String orderId = browser.getCurrentUrl().replaceAll(".*/orders/([0-9a-f-]{36}).*", "$1");
            String text = awaitSms(orderId);
            assertThat(text).contains("To: +491707654321").contains("Ihre Bestellung").contains(orderId);

            // the other shop sends no SMS: no number asked, no choice offered
            reserve(browser, wait, otherShop, otherEvent());
            assertThat(browser.findElements(By.id("checkout:phone"))).isEmpty();
            assertThat(browser.findElements(By.id("checkout:sms"))).isEmpty();
            assertThat(browser.findElement(By.id("checkout:email")).isDisplayed()).isTrue();
        } finally {
            browser.quit();
        }
    }

    // --- the shops, as staff, buyers and the payment provider use them

    /** Shop A sends SMS through sms-log (idempotent: every test that needs it says so). */
    private static void smsOn() throws Exception {
        HttpResponse<String> on = as(node1, shop, token(shop, "admin@sms-a.test"), "PUT", "api/manage/notifications/channels/sms-log",
                "{\"credentials\": {}, \"active\": true}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    }

    private static long otherEventId;

    private static synchronized long otherEvent() {
        if (otherEventId == 0) {
            CatalogFixtures other = new CatalogFixtures(ClusterTestSupport.DB, otherShop.tenant());
            long hall = other.venue("Other Hall", "Bonn", "DE", ZoneId.of("Europe/Berlin"));
            otherEventId = other.eventOnSale(hall, "Other Night", "Concert", OffsetDateTime.now(ZoneOffset.UTC).plusDays(9), "EUR",
                    "Other Night", 1000);
        }
        return otherEventId;
    }

    private static void reserve(WebDriver browser, WebDriverWait wait, RealmFixtures.TenantRealm realm, long event) {
        browser.get(base(node1, realm) + "events/" + event);
        long type = queryLong("SELECT id FROM " + realm.tenant().schemaName() + ".ticket_type WHERE event_id = " + event);
        new Select(browser.findElement(By.cssSelector("li.offer[data-ticket-type-id='" + type + "'] select"))).selectByValue("1");
        browser.findElement(By.id("tickets:reserve")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cart$"));
    }

    /** Scrolls the checkout's phone field to the middle of the window, for the screenshots. */
    private static void showCheckout(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('checkout:phone').scrollIntoView({block: 'center'});");
    }

    /** The attribute as the page has it. */
    private static String attribute(WebDriver browser, WebElement element, String name) {
        return (String) ((JavascriptExecutor) browser).executeScript("return arguments[0].getAttribute(arguments[1]);", element, name);
    }

    private static String fieldError(WebDriver browser) {
        try {
            List<WebElement> found = browser.findElements(By.id("checkout:phone-error"));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException reloading) {
            return "";
        }
    }

    private static void narrow(WebDriver browser, String screenshot) {
        Dimension wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as(screenshot + ": nothing wider than the phone").isLessThanOrEqualTo(0L);
        showCheckout(browser);
        Chromium.screenshot(browser, screenshot);
        browser.manage().window().setSize(wide);
    }

    private static String placeOrder(PayaraMicroNode node, String email, String language, long type, String key, String buyer)
            throws Exception {
        String token = token(shop, email);
        HttpResponse<String> hold = as(node, shop, token, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": 1}");
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        HttpResponse<String> order = order(node, token, language, json(hold).getString("holdId"), key, buyer);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        return json(order).getString("orderId");
    }

    private static HttpResponse<String> order(PayaraMicroNode node, String token, String language, String holdId, String key,
                                              String buyer) throws Exception {
        HttpRequest.Builder request = request(node, shop, token, "POST", "api/orders",
                "{\"holdIds\": [\"" + holdId + "\"], \"buyer\": {" + buyer + "}}");
        request.header("Idempotency-Key", key).header("Accept-Language", language);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void pay(PayaraMicroNode node, String orderId, long amountMinor) throws Exception {
        Instant at = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt-" + orderId, "payment.paid", paymentRef(orderId),
                Money.ofMinor(amountMinor, "EUR"), at);
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base(node, shop) + "api/payments/callback/sandbox"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(secret(), at, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    private static String secret() {
        String sealed = queryText("SELECT sealed_credentials FROM " + shop.tenant().schemaName() + ".payment_settings WHERE provider = 'sandbox'");
        String credentials = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(shop.tenant().slug().value(), sealed);
        return Json.createReader(new StringReader(credentials)).readObject().getString("webhookSecret");
    }

    private static String paymentRef(String orderId) {
        return queryText("SELECT payment_ref FROM " + shop.tenant().schemaName() + ".customer_order WHERE id = '" + orderId + "'");
    }

    /** The SMS the sms-log channel recorded for this shop that name the order (its link carries the id). */
    private static List<String> smsFor(String orderId) {
        Path folder = smsDir.resolve(shop.tenant().slug().value());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".txt")).map(SmsIT::read).filter(t -> t.contains("/orders/" + orderId + "?"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String awaitSms(String orderId) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            List<String> found = smsFor(orderId);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No SMS for order " + orderId + " within 60 s");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(RealmFixtures.TenantRealm realm, String email) {
        return TOKENS.computeIfAbsent(realm.realm() + "|" + email, k -> fixtures.token(realm, email, PASSWORD));
    }

    private static long ticketType(String name, int capacity, long priceMinor) {
        long event = catalog.eventOnSale(venue, name + " night", "Test", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30),
                "EUR", name, priceMinor);
        long type = queryLong("SELECT id FROM " + shop.tenant().schemaName() + ".ticket_type WHERE event_id = " + event);
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket_type SET capacity = " + capacity + ", max_per_order = 10 WHERE id = " + type);
        return type;
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
