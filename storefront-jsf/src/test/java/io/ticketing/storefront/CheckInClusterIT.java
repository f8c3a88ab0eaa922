package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.runAll;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Check-in at the door on two Payara Micro nodes with the real PostgreSQL and Keycloak: tickets of
 * orders paid through the sandbox's signed callbacks are admitted once, then refused saying when and
 * by whom; the same ticket scanned through both nodes at the same moment is admitted exactly once;
 * forged, altered, another shop's, refunded and other events' tickets are refused; only staff may scan;
 * and the staff page does it in a real Chromium by keyboard.
 */
class CheckInClusterIT {

    private static final String PASSWORD = "door-pass-1";
    private static final String STAFF = "door@checkin.test";
    private static final String BUYER = "buyer@checkin.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecretBox PLATFORM_KEYS = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY);

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static CatalogFixtures catalog;
    private static CatalogFixtures otherCatalog;
    private static long venue;
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static String staffToken;

    @BeforeAll
    static void start() throws Exception {
        int http1 = PayaraMicroNode.freePort();
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        fixtures = new RealmFixtures();
        // The realm sends browsers back to node 1 after sign-in (the page test signs in there).
        shop = fixtures.tenant("door-a", "http://127.0.0.1:" + http1);
        otherShop = fixtures.tenant("door-b", "http://127.0.0.1:" + http1);
        fixtures.user(shop, STAFF, PASSWORD, "organizer-staff");
        fixtures.user(shop, "boss@checkin.test", PASSWORD, "organizer-admin");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, BUYER, PASSWORD);
        fixtures.user(otherShop, STAFF, PASSWORD, "organizer-staff");
        catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        otherCatalog = new CatalogFixtures(ClusterTestSupport.DB, otherShop.tenant());
        venue = catalog.venue("Door Hall", "Graz", "AT", ZoneId.of("Europe/Vienna"));
        String cluster = "door-" + ProcessHandle.current().pid();
        node1 = storefrontNode("door1", http1, hz1, List.of(hz1, hz2), cluster, Map.of());
        node2 = storefrontNode("door2", hz2, List.of(hz1, hz2), cluster, Map.of());
        node1.awaitReady(URI.create(base(node1, shop) + "api/events"), Duration.ofMinutes(4));
        node2.awaitReady(URI.create(base(node2, shop) + "api/events"), Duration.ofMinutes(4));
        staffToken = fixtures.token(shop, STAFF, PASSWORD);
    }

    @AfterAll
    static void stop() {
        stopAll(fixtures, node1, node2);
    }

    @Test
    void theFirstScanAdmitsAndEveryLaterOneIsRefusedSayingWhenAndByWhom() throws Exception {
        Sale sale = sale(shop, catalog, venue, "First scan", 2);
        List<String> codes = paidTickets(shop, sale, 2, "first-scan");

        JsonObject first = answered(scan(node1, staffToken, pass(shop, codes.get(0)), sale.event(), "Gate A"));
        assertThat(first.getBoolean("admitted")).isTrue();
        assertThat(first.getString("reason")).isEqualTo("admitted");
        assertThat(first.getString("ticketType")).isEqualTo("First scan");
        assertThat(first.getString("code")).isEqualTo(codes.get(0));

        // again, on the other node, as printed under the QR code and typed by hand (lower case, dashes)
        String typed = codes.get(0).toLowerCase().substring(0, 8) + "-" + codes.get(0).toLowerCase().substring(8);
        JsonObject again = answered(scan(node2, staffToken, typed, sale.event(), null));
        assertThat(again.getBoolean("admitted")).isFalse();
        assertThat(again.getString("reason")).isEqualTo("already_admitted");
        assertThat(again.getString("firstAdmittedBy")).isEqualTo(STAFF);
        assertThat(again.getString("firstAdmittedDevice")).isEqualTo("Gate A");
        assertThat(Instant.parse(again.getString("firstAdmittedAt"))).isEqualTo(Instant.parse(first.getString("firstAdmittedAt")));
        assertThat(again.getString("message")).contains("already admitted").contains(STAFF);

        JsonObject counts = answered(send(node2, staffToken, "GET", "api/manage/checkin/counts?eventId=" + sale.event(), null));
        assertThat(counts.getInt("admitted")).isEqualTo(1);
        assertThat(counts.getInt("valid")).isEqualTo(2);
        assertThat(counts.getString("event")).isEqualTo("First scan night");
        JsonObject type = counts.getJsonArray("ticketTypes").getJsonObject(0);
        assertThat(type.getString("name")).isEqualTo("First scan");
        assertThat(type.getInt("admitted")).isEqualTo(1);
        assertThat(type.getInt("valid")).isEqualTo(2);

        String ticket = "(SELECT id FROM %1$s.ticket WHERE code = '" + codes.get(0) + "')";
        assertThat(count("SELECT count(*) FROM %1$s.checkin_scan WHERE ticket_id = " + ticket + " AND admitted")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %1$s.checkin_scan WHERE ticket_id = " + ticket
                + " AND outcome = 'ALREADY_ADMITTED' AND staff = '" + STAFF + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %1$s.ticket WHERE code = '" + codes.get(0) + "' AND checked_in_device = 'Gate A'")).isEqualTo(1);
    }

    @Test
    void theSameTicketsScannedAtTheSameMomentThroughBothNodesAreEachAdmittedOnce() throws Exception {
        int tickets = 8;
        int scansPerTicket = 6;
        Sale sale = sale(shop, catalog, venue, "Race", tickets);
        List<String> codes = paidTickets(shop, sale, tickets, "race");
        String boss = fixtures.token(shop, "boss@checkin.test", PASSWORD);
        CountDownLatch ready = new CountDownLatch(tickets * scansPerTicket);
        List<Callable<JsonObject>> scans = new ArrayList<>();
        for (String code : codes) {
            for (int i = 0; i < scansPerTicket; i++) {
                PayaraMicroNode node = i % 2 == 0 ? node1 : node2;
                String token = i % 3 == 0 ? boss : staffToken;
                String text = pass(shop, code);
                scans.add(() -> {
                    ready.countDown();
                    ready.await();
                    return answered(scan(node, token, text, sale.event(), "race-" + node.httpPort()));
                });
            }
        }
        String slug = shop.tenant().slug().value();
        double admittedBefore = ClusterTestSupport.counted(List.of(node1, node2), "ticketing_checkins_total", slug, "admitted");
        double againBefore = ClusterTestSupport.counted(List.of(node1, node2), "ticketing_checkins_total", slug, "already_admitted");
        long began = System.nanoTime();
        List<JsonObject> answers = runAll(scans, scans.size());
        // a figure for the report, not an assertion
        System.out.printf("check-in race: %d scans of %d tickets through two nodes at once in %d ms%n", scans.size(), tickets,
                (System.nanoTime() - began) / 1_000_000);
        for (String code : codes) {
            List<JsonObject> ofTicket = answers.stream().filter(a -> code.equals(a.getString("code"))).toList();
            assertThat(ofTicket).hasSize(scansPerTicket);
            assertThat(ofTicket.stream().filter(a -> a.getBoolean("admitted")).count()).as(code + " admitted once").isEqualTo(1);
            assertThat(ofTicket.stream().filter(a -> a.getString("reason").equals("already_admitted")).count())
                    .isEqualTo(scansPerTicket - 1);
            JsonObject winner = ofTicket.stream().filter(a -> a.getBoolean("admitted")).findFirst().orElseThrow();
            assertThat(ofTicket).filteredOn(a -> !a.getBoolean("admitted"))
                    .allMatch(a -> a.getString("firstAdmittedAt").equals(winner.getString("firstAdmittedAt"))
                            && a.getString("firstAdmittedDevice").equals(winner.getString("firstAdmittedDevice")));
        }
        String types = "(SELECT id FROM %1$s.ticket_type WHERE event_id = " + sale.event() + ")";
        assertThat(count("SELECT count(*) FROM %1$s.ticket WHERE checked_in_at IS NOT NULL AND ticket_type_id IN " + types)).isEqualTo(tickets);
        assertThat(count("SELECT count(*) FROM %1$s.checkin_scan WHERE admitted AND event_id = " + sale.event())).isEqualTo(tickets);
        assertThat(count("SELECT count(*) FROM %1$s.checkin_scan WHERE event_id = " + sale.event())).isEqualTo((long) tickets * scansPerTicket);
        // the door as an operator's dashboard shows it, over both nodes
        assertThat(ClusterTestSupport.counted(List.of(node1, node2), "ticketing_checkins_total", slug, "admitted") - admittedBefore)
                .isEqualTo(tickets);
        assertThat(ClusterTestSupport.counted(List.of(node1, node2), "ticketing_checkins_total", slug, "already_admitted") - againBefore)
                .isEqualTo(tickets * (scansPerTicket - 1));
    }

    @Test
    void forgedAlteredAndAnotherShopsPassesAreRefusedAndAdmitNothing() throws Exception {
        Sale sale = sale(shop, catalog, venue, "Forgeries", 1);
        String code = paidTickets(shop, sale, 1, "forgeries").get(0);
        long otherVenue = otherCatalog.venue("Other Hall", "Linz", "AT", ZoneId.of("Europe/Vienna"));
        Sale theirs = sale(otherShop, otherCatalog, otherVenue, "Their show", 1);
        String theirCode = paidTickets(otherShop, theirs, 1, "their-show").get(0);

        String genuine = pass(shop, code);
        String altered = genuine.replace(code, code.substring(0, code.length() - 1) + (code.endsWith("A") ? "B" : "A"));
        String badMac = genuine.substring(0, genuine.length() - 4) + (genuine.endsWith("AAAA") ? "BBBB" : "AAAA");
        String made = new TicketPass(slug(shop), code).encode(data -> new SecretBox(SecretBox.newMasterKey())
                .mac(slug(shop), TicketPass.MAC_PURPOSE, data));
        String theirPass = pass(otherShop, theirCode);
        String theirsRelabelled = theirPass.replace("TKT1." + slug(otherShop) + ".", "TKT1." + slug(shop) + ".");

        Map<String, String> expected = Map.of(altered, "forged", badMac, "forged", made, "forged",
                theirPass, "other_shop", theirsRelabelled, "forged", theirCode, "unknown_ticket",
                "https://example.test/not-a-ticket", "unreadable");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            HttpResponse<String> answer = scan(node1, staffToken, e.getKey(), sale.event(), null);
            assertThat(answer.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(json(answer).getBoolean("admitted")).as(e.getKey()).isFalse();
            assertThat(json(answer).getString("reason")).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(answered(scan(node2, staffToken, altered, sale.event(), null)).getString("message")).contains("forged or was altered");
        assertThat(count("SELECT count(*) FROM %1$s.ticket WHERE code = '" + code + "' AND checked_in_at IS NULL"))
                .as("nothing was admitted by a bad pass").isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM " + otherShop.tenant().schemaName() + ".ticket WHERE checked_in_at IS NOT NULL"))
                .as("nor in the other shop").isZero();
        assertThat(count("SELECT count(*) FROM %1$s.checkin_scan WHERE event_id = " + sale.event() + " AND outcome = 'FORGED' AND code IS NULL"))
                .isEqualTo(5);
        assertThat(answered(scan(node2, staffToken, genuine, sale.event(), null)).getBoolean("admitted")).as("the genuine pass still admits").isTrue();

        // the other shop's own staff, at their own door, admit their own ticket
        String theirStaff = fixtures.token(otherShop, STAFF, PASSWORD);
        assertThat(answered(request(node2, otherShop, theirStaff, "POST", "api/manage/checkin",
                "{\"code\": \"" + theirPass + "\", \"eventId\": " + theirs.event() + "}")).getBoolean("admitted")).isTrue();
    }

    @Test
    void refundedTicketsAndTicketsOfAnotherEventAreRefused() throws Exception {
        Sale sale = sale(shop, catalog, venue, "Refunded", 2);
        List<String> codes = paidTickets(shop, sale, 2, "refunded");
        String boss = fixtures.token(shop, "boss@checkin.test", PASSWORD);
        String orderId = ORDERS.get(sale.event());
        HttpResponse<String> refund = request(node1, shop, boss, "POST", "api/manage/orders/" + orderId + "/refunds",
                "{\"lines\": [{\"ticketTypeId\": " + sale.type() + ", \"quantity\": 1}], \"restock\": true}", "refund-door-1");
        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        String voided = queryText("SELECT code FROM " + shop.tenant().schemaName() + ".ticket WHERE order_id = '" + orderId
                + "' AND status = 'VOID'");
        String kept = codes.stream().filter(c -> !c.equals(voided)).findFirst().orElseThrow();
        JsonObject refused = answered(scan(node2, staffToken, pass(shop, voided), sale.event(), null));
        assertThat(refused.getBoolean("admitted")).isFalse();
        assertThat(refused.getString("reason")).isEqualTo("voided");
        assertThat(refused.getString("ticketType")).isEqualTo("Refunded");

        Sale other = sale(shop, catalog, venue, "Matinee", 1);
        JsonObject wrongDoor = answered(scan(node1, staffToken, pass(shop, kept), other.event(), null));
        assertThat(wrongDoor.getBoolean("admitted")).isFalse();
        assertThat(wrongDoor.getString("reason")).isEqualTo("other_event");
        assertThat(wrongDoor.getJsonObject("otherEvent").getString("title")).isEqualTo("Refunded night");
        assertThat(wrongDoor.getJsonObject("otherEvent").getInt("id")).isEqualTo((int) sale.event());
        assertThat(wrongDoor.getString("message")).contains("Refunded night");
        assertThat(answered(scan(node1, staffToken, pass(shop, kept), sale.event(), null)).getBoolean("admitted"))
                .as("at its own door it admits").isTrue();
        JsonObject counts = answered(send(node1, staffToken, "GET", "api/manage/checkin/counts?eventId=" + sale.event(), null));
        assertThat(counts.getInt("valid")).as("the refunded ticket no longer counts").isEqualTo(1);
        assertThat(counts.getInt("admitted")).isEqualTo(1);
    }

    @Test
    void onlyTheShopsStaffMayScanAndBadRequestsAreExplained() throws Exception {
        Sale sale = sale(shop, catalog, venue, "Gatekeeping", 1);
        String code = paidTickets(shop, sale, 1, "gatekeeping").get(0);
        String body = "{\"code\": \"" + pass(shop, code) + "\", \"eventId\": " + sale.event() + "}";
        assertThat(send(node1, null, "POST", "api/manage/checkin", body).statusCode()).isEqualTo(401);
        HttpResponse<String> buyer = send(node1, fixtures.token(shop, BUYER, PASSWORD), "POST", "api/manage/checkin", body);
        assertThat(buyer.statusCode()).isEqualTo(403);
        assertThat(send(node2, fixtures.token(otherShop, STAFF, PASSWORD), "POST", "api/manage/checkin", body).statusCode())
                .as("another shop's staff are nobody here").isEqualTo(401);
        assertThat(send(node1, fixtures.token(shop, BUYER, PASSWORD), "GET", "api/manage/checkin/counts?eventId=" + sale.event(), null)
                .statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM %1$s.ticket WHERE code = '" + code + "' AND checked_in_at IS NULL")).isEqualTo(1);

        String[][] bad = {
                {"{oops", "not a valid JSON"},
                {"{\"eventId\": " + sale.event() + "}", "Send code"},
                {"{\"code\": \"  \", \"eventId\": " + sale.event() + "}", "Send code"},
                {"{\"code\": 42, \"eventId\": " + sale.event() + "}", "Send code"},
                {"{\"code\": \"" + code + "\"}", "Send eventId"},
                {"{\"code\": \"" + code + "\", \"eventId\": \"twelve\"}", "Send eventId"},
                {"{\"code\": \"" + code + "\", \"eventId\": 1.5}", "Send eventId"},
                {"{\"code\": \"" + code + "\", \"eventId\": " + sale.event() + ", \"device\": \"" + "x".repeat(101) + "\"}", "at most 100"}};
        for (String[] b : bad) {
            HttpResponse<String> answer = send(node1, staffToken, "POST", "api/manage/checkin", b[0]);
            assertThat(answer.statusCode()).as(b[0]).isEqualTo(400);
            assertThat(answer.body()).as(b[0]).contains(b[1]).doesNotContain("Exception");
        }
        HttpResponse<String> noEvent = scan(node1, staffToken, code, 999_999_999L, null);
        assertThat(noEvent.statusCode()).isEqualTo(404);
        assertThat(noEvent.body()).contains("No event 999999999 in this shop");
        assertThat(send(node1, staffToken, "GET", "api/manage/checkin/counts?eventId=abc", null).statusCode()).isEqualTo(400);
        assertThat(send(node1, staffToken, "GET", "api/manage/checkin/counts", null).statusCode()).isEqualTo(400);
        assertThat(send(node1, staffToken, "GET", "api/manage/checkin/counts?eventId=999999999", null).statusCode()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM %1$s.ticket WHERE code = '" + code + "' AND checked_in_at IS NULL")).isEqualTo(1);
    }

    @Test
    void staffCheckInOnThePageByKeyboardAndSeeGreenThenRed() throws Exception {
        Sale sale = sale(shop, catalog, venue, "Page door", 2);
        List<String> codes = paidTickets(shop, sale, 2, "page-door");
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.ignoring(org.openqa.selenium.WebDriverException.class); // stale, or "node does not belong to the document", while a page is replaced
            browser.get(base(node1, shop) + "manage/checkin.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
            browser.findElement(By.id("username")).sendKeys(STAFF);
            browser.findElement(By.id("password")).sendKeys(PASSWORD + Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-title")));
            assertThat(browser.findElement(By.id("area-checkin")).getAttribute("aria-current")).isEqualTo("page");
            Axe.assertClean(browser, "checkin-choose");
            Keyboard.assertFocusVisible(browser, "checkin-choose");

            // by keyboard: pick the event in the list, name the door, Enter
            browser.get(base(node1, shop) + "manage/checkin.xhtml");
            browser.findElement(By.id("event")).sendKeys("Page door night");
            new Actions(browser).sendKeys(Keys.TAB).sendKeys("Gate P").sendKeys(Keys.ENTER).perform();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan:code")));
            assertThat(browser.getCurrentUrl()).contains("event=" + sale.event()).contains("device=Gate+P");
            assertThat(activeId(browser)).as("the code field has the focus for the scanner").isEqualTo("scan:code");
            boolean detector = (Boolean) ((JavascriptExecutor) browser).executeScript("return 'BarcodeDetector' in window;");
            assertThat(browser.findElement(By.id("camera")).isDisplayed()).as("camera controls only where the browser reads QR codes")
                    .isEqualTo(detector);
            assertThat(browser.findElement(By.id("counts-total")).getText()).isEqualTo("0 of 2 tickets admitted");

            // a USB scanner types the pass and presses Enter; the script posts it in the background (the page stays)
            ((JavascriptExecutor) browser).executeScript("document.documentElement.dataset.stayed = 'yes';");
            new Actions(browser).sendKeys(pass(shop, codes.get(0))).sendKeys(Keys.ENTER).perform();
            wait.until(d -> d.findElements(By.cssSelector("#answer .verdict.admitted")).size() == 1);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("data-stayed")).isEqualTo("yes");
            assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("Admitted");
            assertThat(browser.findElement(By.id("verdict-detail")).getText()).isEqualTo("Page door");
            assertThat(browser.findElement(By.cssSelector("#answer .icon")).getText()).isEqualTo("✓");
            assertThat(activeId(browser)).isEqualTo("scan:code");
            assertThat(browser.findElement(By.id("scan:code")).getAttribute("value")).isEmpty();
            wait.until(d -> d.findElement(By.id("counts-total")).getText().equals("1 of 2 tickets admitted"));
            assertThat(browser.findElement(By.id("answer")).getAttribute("aria-live")).isEqualTo("assertive");
            Chromium.screenshot(browser, "checkin-admitted");
            Axe.assertClean(browser, "checkin-admitted");

            // the same ticket again: red, with when and by whom
            new Actions(browser).sendKeys(pass(shop, codes.get(0))).sendKeys(Keys.ENTER).perform();
            wait.until(d -> d.findElements(By.cssSelector("#answer .verdict.refused")).size() == 1);
            assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("Refused: already admitted");
            assertThat(browser.findElement(By.id("verdict-detail")).getText()).startsWith("First admitted on ")
                    .contains("by " + STAFF + " at Gate P").endsWith("(Page door)");
            assertThat(browser.findElement(By.cssSelector("#answer .icon")).getText()).isEqualTo("✗");
            assertThat(activeId(browser)).isEqualTo("scan:code");
            Chromium.screenshot(browser, "checkin-refused");
            Axe.assertClean(browser, "checkin-refused");
            browser.manage().window().setSize(new Dimension(390, 844));
            Chromium.screenshot(browser, "checkin-refused-390");
            Axe.assertClean(browser, "checkin-390");
            assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
                    .as("no sideways scrolling at 390 px").isTrue();
            browser.manage().window().setSize(new Dimension(1280, 800));

            // without the script (here: no fetch) the form posts itself and the page comes back with the answer and the focus
            ((JavascriptExecutor) browser).executeScript("window.fetch = undefined; document.documentElement.dataset.before = 'yes';");
            new Actions(browser).sendKeys("oops!").sendKeys(Keys.ENTER).perform();
            wait.until(d -> d.findElement(By.tagName("html")).getAttribute("data-before") == null
                    && d.findElement(By.id("verdict")).getText().equals("Refused: not a ticket code"));
            assertThat(activeId(browser)).isEqualTo("scan:code");
            assertThat(count("SELECT count(*) FROM %1$s.checkin_scan WHERE event_id = " + sale.event())).isEqualTo(3);

            browser.get(base(node1, shop) + "manage/checkin.xhtml?event=" + sale.event() + "&lang=de");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan:code")));
            assertThat(browser.findElement(By.id("checkin-title")).getText()).isEqualTo("Einlass an der Tür");
            new Actions(browser).sendKeys(codes.get(1)).sendKeys(Keys.ENTER).perform();
            wait.until(d -> d.findElements(By.cssSelector("#answer .verdict.admitted")).size() == 1);
            assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("Eingelassen");
            assertThat(browser.findElement(By.id("counts-total")).getText()).isEqualTo("2 von 2 Tickets eingelassen");
            Chromium.screenshot(browser, "checkin-de");
            Axe.assertClean(browser, "checkin-de");

            browser.get(base(node1, shop) + "manage/checkin.xhtml?event=" + sale.event() + "&lang=zh-CN");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan:code")));
            new Actions(browser).sendKeys(codes.get(1)).sendKeys(Keys.ENTER).perform();
            wait.until(d -> d.findElements(By.cssSelector("#answer .verdict.refused")).size() == 1);
            assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("拒绝入场：此票已入场");
            Chromium.screenshot(browser, "checkin-zh-CN");
            Axe.assertClean(browser, "checkin-zh-CN");

            // every stop of the door page shows its focus; the way to another door keeps the scanner's name
            browser.get(base(node1, shop) + "manage/checkin.xhtml?event=" + sale.event() + "&device=Gate+P&lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scan:code")));
            ((JavascriptExecutor) browser).executeScript("document.activeElement.blur();");
            Keyboard.assertFocusVisible(browser, "checkin-door");
            assertThat(browser.findElement(By.id("other-door")).getAttribute("href")).endsWith("/manage/checkin.xhtml?device=Gate+P");
        } catch (RuntimeException | AssertionError e) {
            // What the page showed when it went wrong, for the person reading the report.
            Chromium.screenshot(browser, "checkin-failure");
            System.out.println("checkin page at failure: " + browser.getCurrentUrl() + "\n"
                    + browser.findElement(By.tagName("main")).getAttribute("outerHTML"));
            throw e;
        } finally {
            browser.quit();
        }
    }

    // --- helpers

    /** An event on sale with one ticket type of {@code capacity}, named after the test. */
    private record Sale(long event, long type) {
    }

    private static Sale sale(RealmFixtures.TenantRealm tenant, CatalogFixtures fixtures, long venueId, String name, int capacity) {
        long event = fixtures.eventOnSale(venueId, name + " night", "Test", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "EUR", name, 1500);
        long type = queryLong("SELECT id FROM " + tenant.tenant().schemaName() + ".ticket_type WHERE event_id = " + event);
        sql("UPDATE " + tenant.tenant().schemaName() + ".ticket_type SET capacity = " + capacity + ", max_per_order = 10 WHERE id = " + type);
        return new Sale(event, type);
    }

    /** The buyer holds and orders {@code quantity} tickets and the sandbox's signed callback pays: the tickets' codes. */
    private static List<String> paidTickets(RealmFixtures.TenantRealm tenant, Sale sale, int quantity, String key) throws Exception {
        String buyer = fixtures.token(tenant, BUYER, PASSWORD);
        HttpResponse<String> hold = request(node1, tenant, buyer, "POST", "api/holds",
                "{\"ticketTypeId\": " + sale.type() + ", \"quantity\": " + quantity + "}", null);
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        HttpResponse<String> order = request(node2, tenant, buyer, "POST", "api/orders",
                "{\"holdIds\": [\"" + json(hold).getString("holdId") + "\"]}", "door-" + key);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        String orderId = json(order).getString("orderId");
        String schema = tenant.tenant().schemaName();
        String ref = queryText("SELECT payment_ref FROM " + schema + ".customer_order WHERE id = '" + orderId + "'");
        Instant now = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt-door-" + key, "payment.paid", ref, Money.ofMinor(1500L * quantity, "EUR"), now);
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base(node1, tenant) + "api/payments/callback/sandbox"))
                .header("Content-Type", "application/json").header(SandboxSignature.HEADER, SandboxSignature.sign(secret(tenant), now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < quantity; i++) {
            codes.add(queryText("SELECT code FROM " + schema + ".ticket WHERE order_id = '" + orderId + "' ORDER BY code OFFSET " + i + " LIMIT 1"));
        }
        assertThat(codes).doesNotContainNull().doesNotHaveDuplicates();
        ORDERS.put(sale.event(), orderId);
        return codes;
    }

    /** The order each sale's tickets came from (for refunds). */
    private static final Map<Long, String> ORDERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The shop's sandbox signing secret, as the sandbox's own server knows it (set up on the shop's first callback). */
    private static String secret(RealmFixtures.TenantRealm tenant) throws Exception {
        String schema = tenant.tenant().schemaName();
        String sealed = queryText("SELECT sealed_credentials FROM " + schema + ".payment_settings WHERE provider = 'sandbox'");
        if (sealed == null) {
            HTTP.send(HttpRequest.newBuilder(URI.create(base(node1, tenant) + "api/payments/callback/sandbox"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            sealed = queryText("SELECT sealed_credentials FROM " + schema + ".payment_settings WHERE provider = 'sandbox'");
        }
        String json = PLATFORM_KEYS.open(slug(tenant), sealed);
        return Json.createReader(new StringReader(json)).readObject().getString("webhookSecret");
    }

    /** What the ticket's QR code says: signed with the shop's key, as the PDF ticket prints it. */
    private static String pass(RealmFixtures.TenantRealm tenant, String code) {
        return new TicketPass(slug(tenant), code).encode(data -> PLATFORM_KEYS.mac(slug(tenant), TicketPass.MAC_PURPOSE, data));
    }

    /** A scan that must be answered (200): its answer. */
    private static JsonObject answered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static HttpResponse<String> scan(PayaraMicroNode node, String token, String code, long event, String device) throws Exception {
        String body = Json.createObjectBuilder().add("code", code).add("eventId", event).build().toString();
        if (device != null) {
            body = Json.createObjectBuilder().add("code", code).add("eventId", event).add("device", device).build().toString();
        }
        return send(node, token, "POST", "api/manage/checkin", body);
    }

    private static HttpResponse<String> send(PayaraMicroNode node, String token, String method, String path, String body) throws Exception {
        return request(node, shop, token, method, path, body, null);
    }

    private static HttpResponse<String> request(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String token, String method,
                                                String path, String body) throws Exception {
        return request(node, tenant, token, method, path, body, null);
    }

    private static HttpResponse<String> request(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String token, String method,
                                                String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node, tenant) + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String activeId(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement ? document.activeElement.id : null;");
    }

    private static String base(PayaraMicroNode node, RealmFixtures.TenantRealm tenant) {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + slug(tenant) + "/";
    }

    private static String slug(RealmFixtures.TenantRealm tenant) {
        return tenant.tenant().slug().value();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A count from SQL whose %1$s is the shop's schema. */
    private static long count(String sqlWithSchema) {
        return queryLong(String.format(sqlWithSchema, shop.tenant().schemaName()));
    }
}
