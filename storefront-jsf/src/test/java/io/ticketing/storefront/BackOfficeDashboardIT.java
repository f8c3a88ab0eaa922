package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The back office's overview, coupons and audit log on a real node, Keycloak, PostgreSQL and Chromium: the overview's
 * figures are the database's, what is left per event is the stock engine's, a flagged order and a parked message are
 * shown; coupons made, edited and switched off in the page are what checkout applies or refuses, and their usage
 * counts; the audit page and {@code GET /api/manage/audit} show the edits with their values before and after, filtered
 * and paged alike; finance reads the overview only, staff never the audit log, and another shop's entries never show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackOfficeDashboardIT {

    private static final String PASSWORD = "dash-pass-1";
    private static final String BOSS = "boss@dash.test";
    private static final String CREW = "crew@dash.test";
    private static final String MONEY = "money@dash.test";
    private static final String BUYER = "buyer@dash.test";
    private static final String OTHER_BOSS = "boss@other-dash.test";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node;
    private static String buyerToken;
    private static long gala;
    private static long stalls;
    private static long balcony;
    private static long matinee;
    private static long seat;
    private static String flagged;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node = BackOfficeCluster.node1();
        shop = fixtures.tenant("dash-a", BackOfficeCluster.address(node));
        otherShop = fixtures.tenant("dash-b", BackOfficeCluster.address(node));
        fixtures.user(shop, BOSS, PASSWORD, "organizer-admin");
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, MONEY, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_BOSS, PASSWORD, "organizer-admin");
        buyerToken = fixtures.token(shop, BUYER, PASSWORD);
        seed();
    }

    @AfterAll
    static void stop() {
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    /**
     * Two events on sale in euros; five paid orders (one paid yesterday, one flagged for review), one unpaid; a parked
     * message; and in the other shop a coupon of its own (audited there).
     */
    private static void seed() throws Exception {
        CatalogFixtures catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        long hall = catalog.venue("Konzerthaus", "Berlin", "DE", BERLIN);
        gala = catalog.eventOnSale(hall, "Gala", "Classical", OffsetDateTime.now(ZoneOffset.UTC).plusDays(20), "EUR",
                "Stalls", 5000, "Balcony", 2000);
        stalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Stalls'");
        balcony = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Balcony'");
        matinee = catalog.eventOnSale(hall, "Matinee", "Jazz", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30), "EUR", "Seat", 1500);
        seat = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + matinee);
        sql("UPDATE " + schema() + ".ticket_type SET max_per_order = 10");

        pay(order("Anna", List.of(line(stalls, 2), line(balcony, 1))));
        pay(order("Ben", List.of(line(seat, 3))));
        String yesterday = pay(order("Clara", List.of(line(balcony, 2))));
        sql("UPDATE " + schema() + ".customer_order SET paid_at = paid_at - interval '1 day' WHERE id = '" + yesterday + "'");
        flagged = pay(order("Dora", List.of(line(stalls, 1))));
        sql("UPDATE " + schema() + ".customer_order SET needs_review = 'Paid twice at the provider' WHERE id = '" + flagged + "'");
        order("Never Paid", List.of(line(stalls, 1)));

        // a confirmation that could not be sent, parked for staff to retry
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (queryLong("SELECT count(*) FROM " + schema() + ".notification WHERE status = 'SENT'") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        // a sent one, so the relay is done with it: it stays parked
        sql("UPDATE " + schema() + ".notification SET status = 'PARKED', parked_at = now(), attempts = 5, last_error = 'mailbox full'"
                + " WHERE id = (SELECT min(id) FROM " + schema() + ".notification WHERE status = 'SENT')");

        String otherBoss = fixtures.token(otherShop, OTHER_BOSS, PASSWORD);
        HttpResponse<String> other = ShopCalls.as(node, otherShop, otherBoss, "POST", "api/manage/coupons",
                "{\"code\":\"OTHERSHOP50\",\"percentOff\":50}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    }

    // --- the overview

    @Test
    @Order(1)
    void theOverviewShowsTheDatabasesSalesWhatIsLeftAFlaggedOrderAndParkedMailAndFinanceOnlyReadsIt() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            browser.get(ShopCalls.base(node, shop) + "manage/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("back-office-title")));

            LocalDate today = LocalDate.now(BERLIN);
            Figures day = figures(today);
            assertThat(day.orders).as("three paid today, one yesterday").isEqualTo(3);
            assertThat(text(browser, "#today-totals tr.currency-EUR .sold")).isEqualTo(Long.toString(day.tickets));
            assertThat(text(browser, "#today-totals tr.currency-EUR .gross")).isEqualTo(money(day.gross));
            assertThat(text(browser, "#today-totals tr.currency-EUR .net")).isEqualTo(money(day.gross - day.discount - day.refunded));
            Figures week = figures(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            assertThat(text(browser, "#week-totals tr.currency-EUR .gross")).isEqualTo(money(week.gross));
            assertThat(text(browser, "#week-totals tr.currency-EUR .sold")).isEqualTo(Long.toString(week.tickets));
            assertThat(browser.findElements(By.cssSelector("#chart-EUR rect.bar"))).as("a bar for today and for yesterday").hasSize(2);

            // what is left: the stock engine's available, valid tickets sold, the rest held (the unpaid order)
            for (long event : List.of(gala, matinee)) {
                String row = "#stock tr[data-event='" + event + "'] ";
                long capacity = queryLong("SELECT sum(capacity) FROM " + schema() + ".ticket_type WHERE event_id = " + event);
                long sold = queryLong("SELECT count(*) FROM " + schema() + ".ticket t JOIN " + schema()
                        + ".ticket_type y ON y.id = t.ticket_type_id WHERE t.status = 'VALID' AND y.event_id = " + event);
                long taken = queryLong("SELECT count(*) FROM " + schema() + ".hold_slot s JOIN " + schema()
                        + ".ticket_type y ON y.id = s.ticket_type_id WHERE y.event_id = " + event);
                assertThat(text(browser, row + ".capacity")).isEqualTo(String.format(Locale.ENGLISH, "%,d", capacity));
                assertThat(text(browser, row + ".sold")).isEqualTo(Long.toString(sold));
                assertThat(text(browser, row + ".available")).isEqualTo(String.format(Locale.ENGLISH, "%,d", capacity - taken));
                assertThat(text(browser, row + ".held")).isEqualTo(Long.toString(taken - sold));
            }
            assertThat(text(browser, "#stock tr[data-event='" + gala + "'] .held")).as("the unpaid order's ticket").isEqualTo("1");

            WebElement attention = browser.findElement(By.cssSelector("#attention li[data-order='" + flagged + "']"));
            assertThat(attention.getText()).contains("Paid twice at the provider");
            assertThat(attention.findElement(By.tagName("a")).getAttribute("href")).endsWith("manage/orders/detail.xhtml?order=" + flagged);
            assertThat(text(browser, "#parked-count")).startsWith("One message is parked");
            assertThat(browser.findElement(By.id("parked-link")).getAttribute("href")).endsWith("manage/messages.xhtml");

            Axe.assertClean(browser, "overview");
            Keyboard.assertFocusVisible(browser, "overview");
            browser.manage().window().setSize(new Dimension(1280, 1800));
            Chromium.screenshot(browser, "backoffice-overview");
            narrow(browser, "backoffice-overview-390");
            for (Map.Entry<String, String> language : Map.of("de", "Verwaltung", "zh-CN", "管理后台").entrySet()) {
                browser.get(ShopCalls.base(node, shop) + "manage/index.xhtml?lang=" + language.getKey());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("today-totals")));
                assertThat(text(browser, "#back-office-title")).isEqualTo(language.getValue());
                Axe.assertClean(browser, "overview-" + language.getKey());
                Chromium.screenshot(browser, "backoffice-overview-" + language.getKey());
            }
            browser.get(ShopCalls.base(node, shop) + "manage/index.xhtml?lang=en");
        } finally {
            browser.quit();
        }

        // finance: the same figures, nothing to change, no coupons or mail
        WebDriver finance = PaidOrders.signedIn(node, shop, MONEY, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(finance, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            finance.get(ShopCalls.base(node, shop) + "manage/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("today-totals")));
            assertThat(text(finance, "#today-totals tr.currency-EUR .gross")).isEqualTo(money(figures(LocalDate.now(BERLIN)).gross));
            assertThat(finance.findElements(By.cssSelector("#attention li[data-order='" + flagged + "']"))).hasSize(1);
            assertThat(finance.findElements(By.id("mail-heading"))).as("messages are not finance's").isEmpty();
            assertThat(finance.findElements(By.id("area-coupons"))).isEmpty();
            assertThat(finance.findElements(By.cssSelector("form button, form input[type='submit']"))).as("read-only").isEmpty();
            Axe.assertClean(finance, "overview-finance");
        } finally {
            finance.quit();
        }

        // the same figures over the API: finance reads them too, without the mail it may not see
        Figures day = figures(LocalDate.now(BERLIN));
        for (String email : List.of(BOSS, MONEY)) {
            HttpResponse<String> api = ShopCalls.as(node, shop, fixtures.token(shop, email, PASSWORD), "GET", "api/manage/dashboard", null);
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            JsonObject overview = json(api.body());
            JsonObject eur = overview.getJsonObject("sales").getJsonArray("today").getValuesAs(JsonObject.class).stream()
                    .filter(f -> f.getString("currency").equals("EUR")).findFirst().orElseThrow();
            assertThat(eur.getJsonNumber("orders").longValue()).isEqualTo(day.orders);
            assertThat(eur.getJsonObject("gross").getString("amount")).isEqualTo(java.math.BigDecimal.valueOf(day.gross, 2).toPlainString());
            assertThat(eur.getJsonObject("net").getString("amount"))
                    .isEqualTo(java.math.BigDecimal.valueOf(day.gross - day.discount - day.refunded, 2).toPlainString());
            assertThat(overview.getJsonArray("attention").toString()).contains(flagged);
            assertThat(overview.containsKey("mail")).as(email + " and the mail backlog").isEqualTo(email.equals(BOSS));
        }
    }

    // --- coupons and the audit log

    @Test
    @Order(2)
    void couponsMadeInThePageAreWhatCheckoutAppliesOrRefusesAndTheAuditLogShowsEveryChange() throws Exception {
        String boss = fixtures.token(shop, BOSS, PASSWORD);
        String crew = fixtures.token(shop, CREW, PASSWORD);
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            String page = ShopCalls.base(node, shop) + "manage/coupons/index.xhtml";
            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coupons-title")));

            // wrong input: said next to each field, nothing saved
            fill(browser, "code", "x");
            fill(browser, "percentOff", "120");
            Chromium.clickAndLoad(browser, By.id("save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code-error")));
            assertThat(text(browser, "#code-error")).contains("3 to 40 letters");
            assertThat(browser.findElement(By.id("code")).getAttribute("aria-invalid")).isEqualTo("true");
            fill(browser, "code", "summer-10");
            Chromium.clickAndLoad(browser, By.id("save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("percentOff-error")));
            assertThat(text(browser, "#percentOff-error")).contains("1 to 100");
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".coupon")).isZero();
            Axe.assertClean(browser, "coupons-errors");
            Chromium.screenshot(browser, "backoffice-coupons-errors");

            // a tenth off the gala only
            fill(browser, "percentOff", "10");
            new Select(browser.findElement(By.id("events"))).selectByValue(Long.toString(gala));
            Chromium.clickAndLoad(browser, By.id("save"));
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Coupon SUMMER-10 was created."));
            WebElement row = browser.findElement(By.cssSelector("#coupons tr[data-code='SUMMER-10']"));
            assertThat(row.findElement(By.cssSelector(".scope")).getText()).isEqualTo("Gala");
            assertThat(row.findElement(By.cssSelector(".uses")).getText()).isEqualTo("0 (no limit)");

            // checkout applies it; the page counts the use and the discount given
            String used = PaidOrders.pay(node, shop, PaidOrders.order(node, shop, buyerToken, BUYER, "Eva", List.of(line(stalls, 1)), "summer-10"));
            assertThat(queryLong("SELECT discount_minor FROM " + schema() + ".customer_order WHERE id = '" + used + "'")).isEqualTo(500);
            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#coupons tr[data-code='SUMMER-10']")));
            assertThat(text(browser, "#coupons tr[data-code='SUMMER-10'] .uses")).isEqualTo("1 (no limit)");
            assertThat(text(browser, "#coupons tr[data-code='SUMMER-10'] .given")).isEqualTo("1 orders, €5.00 off");

            // edit: a used code stays; the percentage and the limit change
            Chromium.clickAndLoad(browser, By.cssSelector("#coupons tr[data-code='SUMMER-10'] a.edit"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
            assertThat(browser.findElement(By.id("percentOff")).getAttribute("value")).isEqualTo("10");
            fill(browser, "code", "SUMMER-20");
            fill(browser, "percentOff", "20");
            fill(browser, "usageLimit", "50");
            Chromium.clickAndLoad(browser, By.id("save"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code-error")));
            assertThat(text(browser, "#code-error")).contains("has been used");
            fill(browser, "code", "SUMMER-10");
            Chromium.clickAndLoad(browser, By.id("save"));
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Coupon SUMMER-10 was saved."));
            assertThat(queryLong("SELECT percent_off FROM " + schema() + ".coupon WHERE code = 'SUMMER-10'")).isEqualTo(20);
            assertThat(text(browser, "#coupons tr[data-code='SUMMER-10'] .uses")).isEqualTo("1 of 50");
            Axe.assertClean(browser, "coupons");
            Keyboard.assertFocusVisible(browser, "coupons");
            browser.manage().window().setSize(new Dimension(1280, 1600));
            Chromium.screenshot(browser, "backoffice-coupons");
            narrow(browser, "backoffice-coupons-390");

            // switched off: the shop refuses it, in its own words, in the cart and the API
            Chromium.clickAndLoad(browser, By.cssSelector("#coupons tr[data-code='SUMMER-10'] input.toggle"));
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Coupon SUMMER-10 is switched off"));
            assertThat(text(browser, "#coupons tr[data-code='SUMMER-10'] .state")).isEqualTo("Switched off");
            assertThat(queryText("SELECT active::text FROM " + schema() + ".coupon WHERE code = 'SUMMER-10'")).isEqualTo("false");
            refusedInTheCart("summer-10", "This coupon is no longer offered by the shop.");
            List<String> holds = new ArrayList<>();
            HttpResponse<String> held = ShopCalls.as(node, shop, buyerToken, "POST", "api/holds", "{\"ticketTypeId\": " + stalls + ", \"quantity\": 1}");
            holds.add(json(held.body()).getString("holdId"));
            HttpResponse<String> refused = HTTP.send(ShopCalls.request(node, shop, buyerToken, "POST", "api/orders",
                    "{\"holdIds\": [\"" + holds.get(0) + "\"], \"buyer\": {\"email\": \"" + BUYER + "\", \"name\": \"Fay\"}, \"couponCode\": \"SUMMER-10\"}")
                    .header("Idempotency-Key", "dash-refused-coupon").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("coupon_not_applicable").contains("no longer offered");
            Chromium.clickAndLoad(browser, By.cssSelector("#coupons tr[data-code='SUMMER-10'] input.toggle"));
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Coupon SUMMER-10 is switched on again."));

            // staff keep coupons too, through the same service by the API
            HttpResponse<String> crewCoupon = ShopCalls.as(node, shop, crew, "POST", "api/manage/coupons",
                    "{\"code\":\"CREW5\",\"amountOff\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"usageLimit\":3}");
            assertThat(crewCoupon.statusCode()).as(crewCoupon.body()).isEqualTo(201);
            long crewId = json(crewCoupon.body()).getJsonNumber("id").longValue();
            HttpResponse<String> tooLow = ShopCalls.as(node, shop, crew, "PUT", "api/manage/coupons/" + crewId,
                    "{\"code\":\"CREW5\",\"amountOff\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"usageLimit\":0}");
            assertThat(tooLow.statusCode()).as(tooLow.body()).isEqualTo(422);
            assertThat(tooLow.body()).contains("\"field\":\"usageLimit\"");
            HttpResponse<String> off = ShopCalls.as(node, shop, crew, "PUT", "api/manage/coupons/" + crewId + "/active", "{\"active\": false}");
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            assertThat(json(off.body()).getBoolean("active")).isFalse();
            JsonArray listed = json(ShopCalls.as(node, shop, crew, "GET", "api/manage/coupons", null).body()).getJsonArray("coupons");
            JsonObject summer = listed.stream().map(v -> v.asJsonObject()).filter(c -> c.getString("code").equals("SUMMER-10")).findFirst().orElseThrow();
            assertThat(summer.getInt("timesUsed")).isEqualTo(1);
            assertThat(summer.getJsonArray("paidOrders").getJsonObject(0).getJsonObject("discount").getString("amount")).isEqualTo("5.00");
            assertThat(listed.toString()).doesNotContain("OTHERSHOP50");

            // the audit log: the edit with its values before and after, filtered by action and person
            browser.get(ShopCalls.base(node, shop) + "manage/audit/index.xhtml?action=coupon.edit");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("entries")));
            WebElement edit = browser.findElement(By.cssSelector("#entries li[data-action='coupon.edit']"));
            assertThat(edit.getText()).contains(BOSS).contains("coupon:SUMMER-10");
            assertThat(edit.findElement(By.cssSelector("tr[data-field='percentOff'] .before")).getText()).isEqualTo("10");
            assertThat(edit.findElement(By.cssSelector("tr[data-field='percentOff'] .after")).getText()).isEqualTo("→ 20");
            assertThat(edit.findElement(By.cssSelector("tr[data-field='usageLimit'] .before")).getText()).isEqualTo("(none)");
            assertThat(edit.findElements(By.cssSelector("tr[data-field='code']"))).as("unchanged fields are left out").isEmpty();
            assertThat(browser.findElements(By.cssSelector("#entries li"))).allSatisfy(li -> assertThat(li.getAttribute("data-action")).startsWith("coupon.edit"));
            Axe.assertClean(browser, "audit");
            Keyboard.assertFocusVisible(browser, "audit");

            browser.get(ShopCalls.base(node, shop) + "manage/audit/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("person")));
            fill(browser, "action", "coupon.");
            fill(browser, "person", "crew@");
            Chromium.clickAndLoad(browser, By.id("search"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("entries")));
            List<String> crewActions = browser.findElements(By.cssSelector("#entries li")).stream().map(li -> li.getAttribute("data-action")).toList();
            assertThat(crewActions).containsExactly("coupon.deactivate", "coupon.create");
            assertThat(text(browser, "#entries")).contains(CREW).doesNotContain(BOSS);
            browser.get(ShopCalls.base(node, shop) + "manage/audit/index.xhtml?action=coupon.");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("entries")));
            assertThat(browser.getPageSource()).doesNotContain("OTHERSHOP50");
            List<Long> pageIds = browser.findElements(By.cssSelector("#entries li")).stream().map(li -> Long.valueOf(li.getAttribute("data-id"))).toList();
            assertThat(pageIds).hasSize(6); // boss: create, edit, deactivate, reactivate; crew: create, deactivate
            browser.manage().window().setSize(new Dimension(1280, 2400));
            Chromium.screenshot(browser, "backoffice-audit");
            narrow(browser, "backoffice-audit-390");
            browser.get(ShopCalls.base(node, shop) + "manage/audit/index.xhtml?from=yesterday");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("filter-error")));
            assertThat(browser.findElement(By.id("from")).getAttribute("aria-invalid")).isEqualTo("true");
            for (String language : List.of("de", "zh-CN")) {
                browser.get(ShopCalls.base(node, shop) + "manage/audit/index.xhtml?action=coupon.&lang=" + language);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("entries")));
                Axe.assertClean(browser, "audit-" + language);
                Chromium.screenshot(browser, "backoffice-audit-" + language);
                browser.get(ShopCalls.base(node, shop) + "manage/coupons/index.xhtml?lang=" + language);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coupons")));
                Axe.assertClean(browser, "coupons-" + language);
                Chromium.screenshot(browser, "backoffice-coupons-" + language);
            }
            browser.get(ShopCalls.base(node, shop) + "manage/index.xhtml?lang=en");

            // the API: the same entries, two at a time
            List<Long> apiIds = new ArrayList<>();
            String next = null;
            for (int pages = 0; pages < 10; pages++) {
                JsonObject answer = json(ShopCalls.as(node, shop, boss, "GET", "api/manage/audit?action=coupon.&limit=2"
                        + (next == null ? "" : "&before=" + next), null).body());
                answer.getJsonArray("entries").forEach(v -> apiIds.add(v.asJsonObject().getJsonNumber("id").longValue()));
                if (!answer.containsKey("next")) {
                    break;
                }
                next = answer.get("next").toString();
            }
            assertThat(apiIds).isEqualTo(pageIds);
            JsonObject first = json(ShopCalls.as(node, shop, boss, "GET", "api/manage/audit?action=coupon.edit&person=boss@", null).body())
                    .getJsonArray("entries").getJsonObject(0);
            assertThat(first.getJsonObject("before").getInt("percentOff")).isEqualTo(10);
            assertThat(first.getJsonObject("after").getInt("percentOff")).isEqualTo(20);
            assertThat(first.getString("subject")).isEqualTo("coupon:SUMMER-10");
            HttpResponse<String> badDay = ShopCalls.as(node, shop, boss, "GET", "api/manage/audit?to=2026-13-01", null);
            assertThat(badDay.statusCode()).isEqualTo(422);
            assertThat(badDay.body()).contains("\"field\":\"to\"");
            assertThat(ShopCalls.as(node, shop, boss, "GET", "api/manage/checkout/audit", null).statusCode()).as("the older list").isEqualTo(200);
        } finally {
            browser.quit();
        }
    }

    // --- who may open what

    @Test
    @Order(3)
    void staffNeverSeeTheAuditLogFinanceNeverTheCouponsAndAnotherShopNeverThisShopsEntries() throws Exception {
        String crew = fixtures.token(shop, CREW, PASSWORD);
        String money = fixtures.token(shop, MONEY, PASSWORD);
        String otherBoss = fixtures.token(otherShop, OTHER_BOSS, PASSWORD);
        assertThat(ShopCalls.as(node, shop, crew, "GET", "api/manage/audit", null).statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node, shop, crew, "GET", "api/manage/checkout/audit", null).statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node, shop, money, "GET", "api/manage/coupons", null).statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node, shop, money, "POST", "api/manage/coupons", "{\"code\":\"MINE\",\"percentOff\":90}").statusCode())
                .isEqualTo(403);
        assertThat(ShopCalls.as(node, shop, money, "GET", "api/manage/audit", null).statusCode()).isEqualTo(403);
        assertThat(ShopCalls.as(node, shop, buyerToken, "GET", "api/manage/audit", null).statusCode()).isEqualTo(403);
        assertThat(pageStatus(CREW, "manage/audit/index.xhtml")).isEqualTo(403);
        assertThat(pageStatus(CREW, "manage/coupons/index.xhtml")).isEqualTo(200);
        assertThat(pageStatus(MONEY, "manage/coupons/index.xhtml")).isEqualTo(403);
        assertThat(pageStatus(MONEY, "manage/audit/index.xhtml")).isEqualTo(403);
        assertThat(pageStatus(MONEY, "manage/index.xhtml")).isEqualTo(200);

        // the other shop: its own entries only, and this shop's coupon ids are not there
        String theirs = ShopCalls.as(node, otherShop, otherBoss, "GET", "api/manage/audit", null).body();
        assertThat(theirs).contains("OTHERSHOP50").doesNotContain("SUMMER-10").doesNotContain("CREW5").doesNotContain(BOSS);
        long ours = queryLong("SELECT max(id) FROM " + schema() + ".coupon");
        assertThat(queryLong("SELECT count(*) FROM " + otherShop.tenant().schemaName() + ".coupon WHERE id = " + ours)).isZero();
        HttpResponse<String> foreign = ShopCalls.as(node, otherShop, otherBoss, "GET", "api/manage/coupons/" + ours, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        HttpResponse<String> mine = ShopCalls.as(node, shop, fixtures.token(otherShop, OTHER_BOSS, PASSWORD), "GET", "api/manage/audit", null);
        assertThat(mine.statusCode()).as("another shop's token").isEqualTo(401);
    }

    // --- helpers

    /** A signed-in buyer holds a ticket in the browser and types the code in the cart: the shop's own refusal. */
    private static void refusedInTheCart(String code, String message) {
        WebDriver buyer = PaidOrders.signedIn(node, shop, BUYER, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(buyer, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            buyer.get(ShopCalls.base(node, shop) + "events/" + gala);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.offer[data-ticket-type-id='" + stalls + "'] select")));
            new Select(buyer.findElement(By.cssSelector("li.offer[data-ticket-type-id='" + stalls + "'] select"))).selectByValue("1");
            buyer.findElement(By.id("tickets:reserve")).click();
            wait.until(ExpectedConditions.urlMatches(".*/cart$"));
            buyer.findElement(By.id("coupon:code")).sendKeys(code);
            buyer.findElement(By.id("coupon:apply")).click();
            wait.until(d -> d.findElement(By.id("messages")).getText().contains(message));
        } finally {
            buyer.quit();
        }
    }

    private static int pageStatus(String email, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop) + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", PaidOrders.session(node, shop, email, PASSWORD)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private record Figures(long orders, long tickets, long gross, long discount, long refunded) {
    }

    /** Paid euro orders from the start of {@code from} (Berlin) on, summed by the database. */
    private static Figures figures(LocalDate from) {
        String start = from.atStartOfDay(BERLIN).toOffsetDateTime().toString();
        String where = " FROM " + schema() + ".customer_order o WHERE o.currency = 'EUR' AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')"
                + " AND o.paid_at >= '" + start + "'::timestamptz";
        return new Figures(queryLong("SELECT count(*)" + where),
                queryLong("SELECT coalesce(sum(l.quantity), 0) FROM " + schema() + ".order_line l WHERE l.order_id IN (SELECT o.id" + where + ")"),
                queryLong("SELECT coalesce(sum(o.subtotal_minor), 0)" + where), queryLong("SELECT coalesce(sum(o.discount_minor), 0)" + where),
                queryLong("SELECT coalesce(sum(o.refunded_minor), 0)" + where));
    }

    private static void narrow(WebDriver browser, String screenshot) {
        Dimension wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        Axe.assertClean(browser, screenshot);
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as(screenshot + ": nothing wider than the phone").isLessThanOrEqualTo(0L);
        Long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(390, (int) Math.min(6000, height + 100)));
        Chromium.screenshot(browser, screenshot);
        browser.manage().window().setSize(wide);
    }

    private static void fill(WebDriver browser, String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static String money(long minor) {
        return Money.ofMinor(minor, "EUR").format(Locale.ENGLISH);
    }

    private static String order(String name, List<PaidOrders.Line> lines) throws Exception {
        return PaidOrders.order(node, shop, buyerToken, BUYER, name, lines, null);
    }

    private static String pay(String orderId) throws Exception {
        return PaidOrders.pay(node, shop, orderId);
    }

    private static PaidOrders.Line line(long type, int quantity) {
        return new PaidOrders.Line(type, quantity);
    }

    private static String schema() {
        return shop.tenant().schemaName();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
