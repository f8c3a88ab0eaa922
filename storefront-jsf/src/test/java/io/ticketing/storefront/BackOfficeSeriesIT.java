package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Recurring events and cancelling an event, on two real nodes and in Chromium: a series of 4 dates is 4 events with
 * stock of their own (one date sold out leaves the others on sale), keeping 20:00 local across the spring clock change;
 * a series edit changes the price of every date ahead and both nodes' shop shows it; cancelling an event with 3 paid
 * orders, submitted twice on the page and once more through the API of the other node, refunds each order exactly once,
 * also when a node "dies" after refunding and its row is taken over; the event leaves the listing. Finance and other
 * shops are refused; the pages in English, German and Chinese, axe-clean and at 390 px.
 */
class BackOfficeSeriesIT {

    private static final String PASSWORD = "series-pass-1";
    private static final String BOSS = "boss@series.test";
    private static final String CREW = "crew@series.test";
    private static final String FINANCE = "money@series.test";
    private static final String BUYER = "buyer@series.test";
    private static final String OTHER_BOSS = "boss@other-series.test";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static String buyerToken;
    private static String bossToken;
    private static long jazz;
    private static long gala;
    private static long galaStalls;
    private static long hall;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node1 = BackOfficeCluster.node1();
        node2 = BackOfficeCluster.node2();
        shop = fixtures.tenant("ser-a", BackOfficeCluster.address(node1));
        fixtures.allowSignInAt(shop, BackOfficeCluster.address(node2));
        otherShop = fixtures.tenant("ser-b", BackOfficeCluster.address(node1));
        fixtures.user(shop, BOSS, PASSWORD, "organizer-admin");
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, FINANCE, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_BOSS, PASSWORD, "organizer-admin");
        buyerToken = fixtures.token(shop, BUYER, PASSWORD);
        bossToken = fixtures.token(shop, BOSS, PASSWORD);

        CatalogFixtures catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        hall = catalog.venue("Jazzkeller", "Berlin", "DE", BERLIN);
        // a Friday at 20:00 in Berlin, three weeks before the clocks go forward: the series crosses the change
        LocalDate change = LocalDate.of(LocalDate.now(BERLIN).getYear() + 1, 3, 31).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SUNDAY));
        LocalDate friday = change.minusDays(9);
        jazz = catalog.eventOnSale(hall, "Jazz Night", "Jazz", ZonedDateTime.of(friday, LocalTime.of(20, 0), BERLIN).toOffsetDateTime(),
                "EUR", "Standing", 2500);
        sql("UPDATE " + schema() + ".ticket_type SET capacity = 2, max_per_order = 2 WHERE event_id = " + jazz);
        gala = catalog.eventOnSale(hall, "Gala", "Classical", OffsetDateTime.now(BERLIN).plusDays(30), "EUR", "Stalls", 4000);
        galaStalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala);
        // the rows above were written behind the nodes' backs: a change through the API drops their cached listing
        HttpResponse<String> venue = ShopCalls.as(node1, shop, bossToken, "POST", "api/manage/venues",
                "{\"name\": \"Foyer\", \"city\": \"Berlin\", \"country\": \"DE\", \"timeZone\": \"Europe/Berlin\"}");
        assertThat(venue.statusCode()).as(venue.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    @Test
    void aSeriesOfFourDatesHasStockOfItsOwnPerDateAndItsEditReachesEveryDateAheadOnBothNodes() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node1, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            String page = ShopCalls.base(node1, shop) + "manage/events/series.xhtml?event=" + jazz;
            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("weekly")));
            assertThat(browser.findElement(By.id("weekday-friday")).isSelected()).as("the event's own weekday is proposed").isTrue();
            Axe.assertClean(browser, "series-create");
            Keyboard.assertFocusVisible(browser, "series-create");
            browser.manage().window().setSize(new Dimension(1280, 1400));
            Chromium.screenshot(browser, "backoffice-series-create");
            browser.manage().window().setSize(new Dimension(1280, 800));

            // bad input is refused next to its field, in words
            browser.findElement(By.id("weekday-friday")).click();
            Chromium.clickAndLoad(browser, By.id("weekly:create-weekly"));
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("weekdays-error"))).getText()).contains("at least one weekday");
            browser.findElement(By.id("weekday-friday")).click();
            WebElement weeks = browser.findElement(By.id("weeks"));
            weeks.clear();
            weeks.sendKeys("0");
            Chromium.clickAndLoad(browser, By.id("weekly:create-weekly"));
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("weeks-error"))).getText()).contains("1 or more");
            browser.findElement(By.id("dates")).sendKeys("2020-01-03\n");
            Chromium.clickAndLoad(browser, By.id("list:create-list"));
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dates-error"))).getText()).contains("in the past");
            assertThat(browser.findElement(By.id("dates")).getAttribute("aria-describedby")).contains("dates-error");
            String twice = LocalDate.now(BERLIN).plusDays(3) + "\n" + LocalDate.now(BERLIN).plusDays(3);
            browser.findElement(By.id("dates")).clear();
            browser.findElement(By.id("dates")).sendKeys(twice);
            Chromium.clickAndLoad(browser, By.id("list:create-list"));
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dates-error"))).getText()).contains("listed twice");
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".event_series")).isZero();

            // every Friday for 4 weeks: the event and three more dates
            weeks = browser.findElement(By.id("weeks"));
            weeks.clear();
            weeks.sendKeys("4");
            if (!browser.findElement(By.id("weekday-friday")).isSelected()) {
                browser.findElement(By.id("weekday-friday")).click();
            }
            Chromium.clickAndLoad(browser, By.id("weekly:create-weekly"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("series-dates")));
            assertThat(browser.findElements(By.cssSelector("#series-dates tr.date"))).hasSize(4);
            assertThat(browser.findElement(By.id("notice")).getText()).contains("4 dates");
            long series = queryLong("SELECT series_id FROM " + schema() + ".event WHERE id = " + jazz);
            List<Long> dates = ids("SELECT string_agg(id::text, ',' ORDER BY starts_at) FROM " + schema() + ".event WHERE series_id = " + series);
            assertThat(dates).hasSize(4).startsWith(jazz);
            for (int i = 0; i < dates.size(); i++) {
                String local = queryText("SELECT to_char(starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') FROM " + schema()
                        + ".event WHERE id = " + dates.get(i));
                LocalDateTime expected = ZonedDateTime.of(LocalDate.parse(local.substring(0, 10)), LocalTime.of(20, 0), BERLIN).toLocalDateTime();
                assertThat(local).as("date " + i + " starts at 20:00 in Berlin, before and after the clock change").endsWith("20:00");
                assertThat(expected.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
                assertThat(queryText("SELECT status FROM " + schema() + ".event WHERE id = " + dates.get(i))).isEqualTo("ON_SALE");
            }
            assertThat(queryLong("SELECT count(DISTINCT to_char(starts_at AT TIME ZONE 'UTC', 'HH24')) FROM " + schema()
                    + ".event WHERE series_id = " + series)).as("UTC hours differ across the change, local ones do not").isEqualTo(2);
            List<Long> types = new ArrayList<>();
            for (long date : dates) {
                types.add(queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + date + " AND name = 'Standing'"));
            }
            assertThat(types).doesNotHaveDuplicates();

            // one date sold out: the others keep all their tickets
            String order = PaidOrders.order(node1, shop, buyerToken, BUYER, "Sold Out Date", List.of(new PaidOrders.Line(types.get(1), 2)), null);
            PaidOrders.pay(node1, shop, order);
            HttpResponse<String> more = ShopCalls.as(node2, shop, buyerToken, "POST", "api/holds",
                    "{\"ticketTypeId\": " + types.get(1) + ", \"quantity\": 1}");
            assertThat(more.statusCode()).as(more.body()).isEqualTo(409);
            for (int i : new int[] {0, 2, 3}) {
                assertThat(available(node2, dates.get(i))).as("date " + i).isEqualTo(2);
            }
            assertThat(available(node1, dates.get(1))).isZero();

            // the series edit: the price of every date ahead, seen by the shop on both nodes
            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edit")));
            Axe.assertClean(browser, "series-dates");
            WebElement price = browser.findElement(By.id("price-0"));
            price.clear();
            price.sendKeys("-3");
            Chromium.clickAndLoad(browser, By.id("edit:save-series"));
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("price-0-error"))).getText()).contains("0 or more");
            price = browser.findElement(By.id("price-0"));
            price.clear();
            price.sendKeys("30.00");
            Chromium.clickAndLoad(browser, By.id("edit:save-series"));
            wait.until(d -> d.findElement(By.id("notice")).getText().contains("4 future dates"));
            for (long date : dates) {
                assertThat(queryLong("SELECT price_minor FROM " + schema() + ".ticket_type WHERE event_id = " + date)).isEqualTo(3000);
                for (PayaraMicroNode node : List.of(node1, node2)) {
                    JsonObject event = json(ShopCalls.as(node, shop, buyerToken, "GET", "api/events/" + date, null).body());
                    assertThat(event.getJsonArray("ticketTypes").getJsonObject(0).getJsonObject("price").getString("amount")).isEqualTo("30.00");
                }
            }
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'series.create' AND subject = 'series:" + series + "'")).isEqualTo(1);
            assertThat(queryText("SELECT before_values::text || ' ' || after_values::text FROM " + schema()
                    + ".staff_audit WHERE action = 'series.edit'")).contains("25.00").contains("30.00");

            browser.manage().window().setSize(new Dimension(1280, 1600));
            Chromium.screenshot(browser, "backoffice-series");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "series-390");
            browser.manage().window().setSize(new Dimension(390, 2400));
            Chromium.screenshot(browser, "backoffice-series-390");
            browser.manage().window().setSize(new Dimension(1280, 800));
            for (Map.Entry<String, String> language : Map.of("de", "Wiederkehrende Termine", "zh-CN", "重复场次").entrySet()) {
                browser.get(page + "&lang=" + language.getKey());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("series-dates")));
                assertThat(browser.findElement(By.id("series-title")).getText()).contains(language.getValue());
                Axe.assertClean(browser, "series-" + language.getKey());
                Chromium.screenshot(browser, "backoffice-series-" + language.getKey());
            }
            browser.get(page + "&lang=en");
        } finally {
            browser.quit();
        }

        // the API makes series from the same service: bad input is a 422 naming the field
        HttpResponse<String> none = ShopCalls.as(node2, shop, bossToken, "POST", "api/manage/series",
                "{\"eventId\": " + gala + ", \"weekdays\": [], \"weeks\": 2}");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(422);
        assertThat(json(none.body()).getString("field")).isEqualTo("weekdays");
        HttpResponse<String> twice = ShopCalls.as(node2, shop, bossToken, "POST", "api/manage/series",
                "{\"eventId\": " + jazz + ", \"weekdays\": [\"FRIDAY\"], \"weeks\": 2}");
        assertThat(twice.statusCode()).as("an event already in a series").isEqualTo(409);
    }

    @Test
    void cancellingAnEventRefundsEachPaidOrderExactlyOnceWhateverIsPressedTwiceOrRunsOnBothNodes() throws Exception {
        List<String> paid = new ArrayList<>();
        for (String name : List.of("Anna Schmidt", "王芳", "Zoë Laurent")) {
            paid.add(PaidOrders.pay(node1, shop, PaidOrders.order(node1, shop, buyerToken, BUYER, name,
                    List.of(new PaidOrders.Line(galaStalls, 2)), null)));
        }
        String unpaid = PaidOrders.order(node1, shop, buyerToken, BUYER, "Late Payer", List.of(new PaidOrders.Line(galaStalls, 1)), null);
        HttpResponse<String> basket = ShopCalls.as(node2, shop, buyerToken, "POST", "api/holds", "{\"ticketTypeId\": " + galaStalls + ", \"quantity\": 1}");
        assertThat(basket.statusCode()).as(basket.body()).isEqualTo(201);
        String basketHold = json(basket.body()).getString("holdId");
        assertThat(listed(node1)).contains(gala);

        // who may: finance is refused the page and the API; the other shop does not find the event
        assertThat(page(node1, shop, FINANCE, "manage/events/cancel.xhtml?event=" + gala)).isEqualTo(403);
        assertThat(page(node1, shop, FINANCE, "manage/events/series.xhtml?event=" + gala)).isEqualTo(403);
        String financeToken = fixtures.token(shop, FINANCE, PASSWORD);
        assertThat(ShopCalls.as(node1, shop, financeToken, "POST", "api/manage/events/" + gala + "/cancel", "{\"refund\": true}").statusCode())
                .isEqualTo(403);
        assertThat(ShopCalls.as(node1, shop, financeToken, "GET", "api/manage/series/1", null).statusCode()).isEqualTo(403);
        String otherToken = fixtures.token(otherShop, OTHER_BOSS, PASSWORD);
        assertThat(ShopCalls.as(node1, otherShop, otherToken, "GET", "api/manage/events/" + gala + "/cancel", null).statusCode()).isEqualTo(404);
        assertThat(ShopCalls.as(node1, otherShop, otherToken, "POST", "api/manage/events/" + gala + "/cancel", "{\"refund\": true}").statusCode())
                .isEqualTo(404);
        assertThat(page(node1, otherShop, OTHER_BOSS, "manage/events/cancel.xhtml?event=" + gala)).isEqualTo(404);
        assertThat(page(node1, otherShop, OTHER_BOSS, "manage/events/series.xhtml?event=" + gala)).isEqualTo(404);
        assertThat(page(node1, shop, CREW, "manage/events/cancel.xhtml?event=" + gala)).as("organizer staff").isEqualTo(200);
        assertThat(queryText("SELECT status FROM " + schema() + ".event WHERE id = " + gala)).isEqualTo("ON_SALE");

        WebDriver browser = PaidOrders.signedIn(node1, shop, BOSS, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            String page = ShopCalls.base(node1, shop) + "manage/events/cancel.xhtml?event=" + gala;
            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("impact")));
            assertThat(browser.findElement(By.id("impact-paid")).getText()).contains("3");
            assertThat(browser.findElement(By.cssSelector(".paid-amount.currency-EUR")).getText()).contains("240.00");
            assertThat(browser.findElement(By.id("impact-tickets")).getText()).contains("6");
            assertThat(browser.findElement(By.id("impact-unpaid")).getText()).contains("1");
            Axe.assertClean(browser, "cancel-confirm");
            Keyboard.assertFocusVisible(browser, "cancel-confirm");
            browser.manage().window().setSize(new Dimension(1280, 1100));
            Chromium.screenshot(browser, "backoffice-cancel-confirm");
            browser.manage().window().setSize(new Dimension(1280, 800));

            // not confirmed: nothing happens, the box says why
            Chromium.clickAndLoad(browser, By.id("cancel:do-cancel"));
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-error"))).getText()).contains("Tick the box");
            assertThat(queryText("SELECT status FROM " + schema() + ".event WHERE id = " + gala)).isEqualTo("ON_SALE");

            // confirmed, refund chosen; then the same again on the page and through node 2's API
            browser.findElement(By.id("confirm")).click();
            assertThat(browser.findElement(By.id("refund")).isSelected()).isTrue();
            Chromium.clickAndLoad(browser, By.id("cancel:do-cancel"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cancel-state")));
            HttpResponse<String> again = ShopCalls.as(node2, shop, bossToken, "POST", "api/manage/events/" + gala + "/cancel", "{\"refund\": true}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json(again.body()).getBoolean("newlyCancelled")).isFalse();
            if (!browser.findElements(By.id("cancel:do-cancel")).isEmpty()) {
                Chromium.clickAndLoad(browser, By.id("cancel:do-cancel"));
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (queryLong("SELECT count(*) FROM " + schema() + ".event_cancel_refund WHERE event_id = " + gala + " AND status = 'DONE'") < 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertRefundedOnce(paid);

            // a node that refunded and died before marking its row: the row is taken over, nothing is refunded twice
            sql("UPDATE " + schema() + ".event_cancel_refund SET status = 'RUNNING', node = 'gone@nowhere', claimed_at = now() - interval '10 minutes'"
                    + " WHERE event_id = " + gala + " AND order_id = '" + paid.get(0) + "'");
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!"DONE".equals(queryText("SELECT status FROM " + schema() + ".event_cancel_refund WHERE order_id = '" + paid.get(0) + "'"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertRefundedOnce(paid);

            assertThat(queryText("SELECT status FROM " + schema() + ".event WHERE id = " + gala)).isEqualTo("CANCELLED");
            assertThat(queryText("SELECT status FROM " + schema() + ".customer_order WHERE id = '" + unpaid + "'")).isEqualTo("CANCELLED");
            assertThat(queryText("SELECT status FROM " + schema() + ".hold WHERE id = '" + basketHold + "'")).isNotEqualTo("ACTIVE");
            assertThat(listed(node1)).doesNotContain(gala);
            assertThat(listed(node2)).doesNotContain(gala);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'event.cancel' AND subject = 'event:" + gala + "'"))
                    .isEqualTo(1);
            assertThat(queryText("SELECT after_values::text FROM " + schema() + ".staff_audit WHERE action = 'event.cancel-refunds'"
                    + " AND subject = 'event:" + gala + "' ORDER BY id LIMIT 1")).contains("3");

            browser.get(page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refund-progress")));
            assertThat(browser.findElement(By.id("progress-count")).getText()).contains("3 of 3");
            assertThat(browser.findElement(By.id("progress-done")).isDisplayed()).isTrue();
            Axe.assertClean(browser, "cancel-progress");
            browser.manage().window().setSize(new Dimension(1280, 1000));
            Chromium.screenshot(browser, "backoffice-cancel-progress");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "cancel-390");
            browser.manage().window().setSize(new Dimension(390, 1600));
            Chromium.screenshot(browser, "backoffice-cancel-390");
            browser.manage().window().setSize(new Dimension(1280, 800));
            for (Map.Entry<String, String> language : Map.of("de", "absagen", "zh-CN", "取消").entrySet()) {
                browser.get(page + "&lang=" + language.getKey());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refund-progress")));
                assertThat(browser.findElement(By.id("cancel-title")).getText()).contains(language.getValue());
                Axe.assertClean(browser, "cancel-" + language.getKey());
                Chromium.screenshot(browser, "backoffice-cancel-" + language.getKey());
            }
            browser.get(page + "&lang=en");
        } finally {
            browser.quit();
        }
    }

    /** One DONE refund per order with the run's key (the provider is asked once per refund row), one buyer notice, tickets void. */
    private static void assertRefundedOnce(List<String> orders) {
        for (String order : orders) {
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".refund WHERE order_id = '" + order + "'")).as("refunds of " + order).isEqualTo(1);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".refund WHERE order_id = '" + order + "' AND status = 'DONE'"
                    + " AND idempotency_key = 'event-cancel-" + gala + "-" + order + "'")).isEqualTo(1);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".outbox WHERE topic = 'order.refunded' AND payload->>'orderId' = '" + order + "'"))
                    .isEqualTo(1);
            assertThat(queryText("SELECT status FROM " + schema() + ".customer_order WHERE id = '" + order + "'")).isEqualTo("REFUNDED");
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".ticket WHERE order_id = '" + order + "' AND status = 'VALID'")).isZero();
            assertThat(queryText("SELECT status FROM " + schema() + ".event_cancel_refund WHERE order_id = '" + order + "'")).isEqualTo("DONE");
        }
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".event_cancel_refund WHERE event_id = " + gala)).isEqualTo(3);
    }

    private static int available(PayaraMicroNode node, long eventId) throws Exception {
        HttpResponse<String> event = ShopCalls.as(node, shop, buyerToken, "GET", "api/events/" + eventId, null);
        assertThat(event.statusCode()).as(event.body()).isEqualTo(200);
        return json(event.body()).getJsonArray("ticketTypes").getJsonObject(0).getInt("available");
    }

    private static List<Long> listed(PayaraMicroNode node) throws Exception {
        HttpResponse<String> events = ShopCalls.as(node, shop, buyerToken, "GET", "api/events", null);
        List<Long> ids = new ArrayList<>();
        json(events.body()).getJsonArray("events").forEach(v -> ids.add(v.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    private static int page(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String email, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, tenant) + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", PaidOrders.session(node, tenant, email, PASSWORD)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<Long> ids(String sql) {
        List<Long> ids = new ArrayList<>();
        for (String id : queryText(sql).split(",")) {
            ids.add(Long.parseLong(id));
        }
        return ids;
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String schema() {
        return shop.tenant().schemaName();
    }
}
