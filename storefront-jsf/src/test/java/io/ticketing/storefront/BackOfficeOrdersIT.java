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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The organizer's orders pages on a real node, Keycloak, PostgreSQL and Chromium with the sandbox provider: search by
 * each criterion, the flagged list, one order with everything that happened to it; a refund of one line with its seats
 * back, sent twice but made (and sent to the provider) once; a refund that keeps the seats off sale; cancel an unpaid
 * order; ask the provider; mark reviewed. Finance reads but changes nothing, staff refunds follow the shop's rule, and
 * another shop's order is not found. In English, German and Chinese, axe-checked, at 390 px.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the search sees the orders before the other tests act on them
class BackOfficeOrdersIT {

    private static final String PASSWORD = "orders-pass-1";
    private static final String BOSS = "boss@orders.test";
    private static final String CREW = "crew@orders.test";
    private static final String MONEY = "money@orders.test";
    private static final String BUYER = "buyer@orders.test";
    private static final String OTHER_BOSS = "boss@other-orders.test";

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node;
    private static long stalls;
    private static long balcony;
    private static long jazz;
    private static long jazzSeat;
    private static String lineRefunded;
    private static String allRefunded;
    private static String unpaid;
    private static String flagged;
    private static String jazzOrder;
    private static String oldOrder;
    private static String unpaidButPaidAtProvider;
    private static String otherShopsOrder;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node = BackOfficeCluster.node1();
        shop = fixtures.tenant("ord-a", BackOfficeCluster.address(node));
        otherShop = fixtures.tenant("ord-b", BackOfficeCluster.address(node));
        fixtures.user(shop, BOSS, PASSWORD, "organizer-admin");
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, MONEY, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_BOSS, PASSWORD, "organizer-admin");
        fixtures.user(otherShop, BUYER, PASSWORD);
        String token = fixtures.token(shop, BUYER, PASSWORD);

        CatalogFixtures catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        long hall = catalog.venue("Konzerthaus", "Berlin", "DE", ZoneId.of("Europe/Berlin"));
        long gala = catalog.eventOnSale(hall, "Gala", "Classical", OffsetDateTime.now(ZoneOffset.UTC).plusDays(20), "EUR",
                "Stalls", 5000, "Balcony", 2000);
        stalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Stalls'");
        balcony = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Balcony'");
        jazz = catalog.eventOnSale(hall, "Jazz Night", "Jazz", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30), "EUR", "Seat", 3000);
        jazzSeat = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + jazz);
        sql("UPDATE " + schema() + ".ticket_type SET max_per_order = 10");

        lineRefunded = PaidOrders.pay(node, shop, PaidOrders.order(node, shop, token, "ana@buyers.test", "Ana Line",
                List.of(new PaidOrders.Line(stalls, 2), new PaidOrders.Line(balcony, 1)), null));
        allRefunded = PaidOrders.pay(node, shop, PaidOrders.order(node, shop, token, "ben@buyers.test", "Ben All",
                List.of(new PaidOrders.Line(balcony, 2)), null));
        unpaid = PaidOrders.order(node, shop, token, "cleo@buyers.test", "Cleo Unpaid", List.of(new PaidOrders.Line(stalls, 1)), null);
        flagged = PaidOrders.pay(node, shop, PaidOrders.order(node, shop, token, "dora@buyers.test", "Dora Flagged",
                List.of(new PaidOrders.Line(stalls, 1)), null));
        sql("UPDATE " + schema() + ".customer_order SET needs_review = 'paid 0.01 EUR, expected 50.00 EUR' WHERE id = '" + flagged + "'");
        jazzOrder = PaidOrders.pay(node, shop, PaidOrders.order(node, shop, token, "eve@buyers.test", "Eve Jazz",
                List.of(new PaidOrders.Line(jazzSeat, 1)), null));
        oldOrder = PaidOrders.pay(node, shop, PaidOrders.order(node, shop, token, "finn@buyers.test", "Finn Old",
                List.of(new PaidOrders.Line(balcony, 1)), null));
        sql("UPDATE " + schema() + ".customer_order SET created_at = now() - interval '40 days',"
                + " needs_review = 'paid twice: check with the provider' WHERE id = '" + oldOrder + "'");
        unpaidButPaidAtProvider = PaidOrders.order(node, shop, token, "gus@buyers.test", "Gus Lost Callback",
                List.of(new PaidOrders.Line(jazzSeat, 2)), null);

        String otherToken = fixtures.token(otherShop, BUYER, PASSWORD);
        CatalogFixtures otherCatalog = new CatalogFixtures(ClusterTestSupport.DB, otherShop.tenant());
        long otherHall = otherCatalog.venue("Hall", "Wien", "AT", ZoneId.of("Europe/Vienna"));
        long otherEvent = otherCatalog.eventOnSale(otherHall, "Other", "Pop", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "EUR", "GA", 1000);
        long otherType = queryLong("SELECT id FROM " + otherShop.tenant().schemaName() + ".ticket_type WHERE event_id = " + otherEvent);
        otherShopsOrder = PaidOrders.pay(node, otherShop, PaidOrders.order(node, otherShop, otherToken, "zoe@buyers.test", "Zoe Other",
                List.of(new PaidOrders.Line(otherType, 1)), null));
    }

    @AfterAll
    static void stop() {
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    // --- search

    @Test
    @Order(1)
    void searchFindsOrdersByEachCriterionAndListsTheFlaggedOnesFirst() {
        WebDriver browser = PaidOrders.signedIn(node, shop, CREW, PASSWORD);
        try {
            open(browser, "manage/orders/index.xhtml");
            assertThat(browser.findElement(By.id("stuck")).getText()).contains(number(flagged)).contains(number(oldOrder))
                    .contains("paid twice").doesNotContain(number(jazzOrder));
            assertThat(browser.findElement(By.id("stuck-counts")).getText()).contains("Flagged for review: 2");
            assertThat(browser.findElements(By.id("rule"))).as("staff do not set who may refund").isEmpty();

            assertThat(search(browser, "number=" + number(lineRefunded))).containsExactly(lineRefunded);
            assertThat(search(browser, "number=" + number(lineRefunded).toLowerCase(Locale.ROOT))).containsExactly(lineRefunded);
            assertThat(search(browser, "number=" + lineRefunded)).containsExactly(lineRefunded);
            assertThat(search(browser, "email=BEN@buyers.test")).containsExactly(allRefunded);
            assertThat(search(browser, "status=PENDING")).contains(unpaid, unpaidButPaidAtProvider).doesNotContain(lineRefunded, flagged);
            assertThat(search(browser, "event=" + jazz)).containsExactlyInAnyOrder(jazzOrder, unpaidButPaidAtProvider);
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
            assertThat(search(browser, "from=" + today.minusDays(1) + "&to=" + today)).contains(lineRefunded, jazzOrder).doesNotContain(oldOrder);
            assertThat(search(browser, "from=" + today.minusDays(45) + "&to=" + today.minusDays(35))).containsExactly(oldOrder);
            assertThat(search(browser, "email=nobody@buyers.test")).isEmpty();
            assertThat(browser.findElement(By.id("no-orders")).isDisplayed()).isTrue();
            assertThat(search(browser, "number=zz-not-hex")).isEmpty();
            assertThat(browser.findElement(By.id("search-error")).getText()).contains("0 to 9");
            assertThat(browser.findElement(By.id("number")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(search(browser, "number=" + number(otherShopsOrder))).as("another shop's orders are not found").isEmpty();

            // the form itself, by keyboard and mouse: an e-mail address, then the order page from its number
            open(browser, "manage/orders/index.xhtml");
            browser.findElement(By.id("email")).sendKeys("ana@buyers.test");
            Chromium.clickAndLoad(browser, By.id("search"));
            waitFor(browser, By.id("results"));
            assertThat(browser.findElements(By.cssSelector("#results .result-row"))).hasSize(1);
            Axe.assertClean(browser, "orders-search");
            Keyboard.assertFocusVisible(browser, "orders-search");
            browser.manage().window().setSize(new Dimension(1280, 1400));
            Chromium.screenshot(browser, "backoffice-orders");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "orders-search-390");
            assertNoSidewaysScroll(browser);
            browser.manage().window().setSize(new Dimension(390, 2400));
            Chromium.screenshot(browser, "backoffice-orders-390");
            browser.manage().window().setSize(new Dimension(1280, 800));
            Chromium.clickAndLoad(browser, By.cssSelector("#results .order-link"));
            waitFor(browser, By.id("order-title"));
            assertThat(browser.getCurrentUrl()).contains("detail.xhtml?order=" + lineRefunded);

            for (Map.Entry<String, String> language : Map.of("de", "Bestellungen", "zh-CN", "订单").entrySet()) {
                open(browser, "manage/orders/index.xhtml?lang=" + language.getKey());
                assertThat(browser.findElement(By.id("orders-title")).getText()).isEqualTo(language.getValue());
                Axe.assertClean(browser, "orders-search-" + language.getKey());
                Chromium.screenshot(browser, "backoffice-orders-" + language.getKey());
            }
            open(browser, "manage/orders/index.xhtml?lang=en");
        } finally {
            browser.quit();
        }
    }

    // --- refunds

    @Test
    @Order(2)
    void aRefundOfOneLineWithItsSeatsBackIsMadeOnceThoughTheFormIsSentTwice() {
        long seatsBefore = heldSeats(lineRefunded);
        WebDriver browser = PaidOrders.signedIn(node, shop, CREW, PASSWORD);
        try {
            open(browser, "manage/orders/detail.xhtml?order=" + lineRefunded);
            assertThat(browser.findElement(By.id("lines")).getText()).contains("Stalls").contains("Balcony");
            assertThat(browser.findElement(By.id("callbacks")).getText()).contains("evt-" + lineRefunded);
            Axe.assertClean(browser, "order-detail");
            Keyboard.assertFocusVisible(browser, "order-detail");

            // nothing chosen, no restock choice: the person is told, next to the fields, and nothing is refunded
            confirmAndLoad(browser, By.id("refund:refundChosen"));
            assertThat(browser.findElement(By.id("restock-error")).getText()).contains("back on sale");
            assertThat(refunds(lineRefunded)).isZero();
            browser.findElement(By.id("restock-yes")).click();
            confirmAndLoad(browser, By.id("refund:refundChosen"));
            assertThat(browser.findElement(By.id("lines-error")).getText()).contains("at least one");
            WebElement stallsQty = browser.findElement(By.id("qty-" + stalls));
            stallsQty.clear();
            stallsQty.sendKeys("1");
            browser.findElement(By.id("reason")).sendKeys("Cannot come");
            Axe.assertClean(browser, "order-detail-errors");

            // the same form sent twice (a double click, a resent page): one refund, one call to the provider
            String sentTwice = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const form = document.getElementById('refund');
                    const data = new URLSearchParams(new FormData(form, document.getElementById('refund:refundChosen')));
                    const send = () => fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'}).then(r => r.status);
                    send().then(a => send().then(b => done(a + ',' + b))).catch(e => done('error ' + e));""");
            assertThat(sentTwice).isEqualTo("200,200");
            assertThat(refunds(lineRefunded)).isEqualTo(1);
            assertThat(providerRefundCalls(lineRefunded)).as("the provider was asked once").isEqualTo(1);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".ticket WHERE order_id = '" + lineRefunded
                    + "' AND ticket_type_id = " + stalls + " AND status = 'VOID'")).isEqualTo(1);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".ticket WHERE order_id = '" + lineRefunded
                    + "' AND status = 'VALID'")).isEqualTo(2);
            assertThat(heldSeats(lineRefunded)).as("the refunded seat is back on sale").isEqualTo(seatsBefore - 1);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'order.refund' AND subject = 'order:"
                    + lineRefunded + "' AND after_values->>'amount' = '50.00 EUR'")).isEqualTo(1);

            // the page shows it all: refunded money and tickets, the refund, the audit trail
            open(browser, "manage/orders/detail.xhtml?order=" + lineRefunded);
            assertThat(browser.findElement(By.id("order-status")).getAttribute("data-status")).isEqualTo("PARTIALLY_REFUNDED");
            assertThat(browser.findElement(By.id("refunds")).getText()).contains("1 × Stalls").contains("Cannot come");
            assertThat(browser.findElement(By.id("audit")).getText()).contains("order.refund").contains(CREW);
            assertThat(browser.findElements(By.cssSelector("#tickets tr.void"))).hasSize(1);
            browser.manage().window().setSize(new Dimension(1280, 2600));
            Chromium.screenshot(browser, "backoffice-order");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "order-detail-390");
            assertNoSidewaysScroll(browser);
            browser.manage().window().setSize(new Dimension(390, 4200));
            Chromium.screenshot(browser, "backoffice-order-390");
            browser.manage().window().setSize(new Dimension(1280, 800));
            open(browser, "manage/orders/detail.xhtml?order=" + lineRefunded + "&lang=de");
            Axe.assertClean(browser, "order-detail-de");
            Chromium.screenshot(browser, "backoffice-order-de");
            open(browser, "manage/orders/detail.xhtml?order=" + lineRefunded + "&lang=zh-CN");
            Axe.assertClean(browser, "order-detail-zh-CN");
            Chromium.screenshot(browser, "backoffice-order-zh-CN");
            open(browser, "manage/orders/detail.xhtml?order=" + lineRefunded + "&lang=en");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(3)
    void aRefundOfEverythingThatKeepsTheSeatsOffSaleLeavesTheStockAlone() {
        long seatsBefore = heldSeats(allRefunded);
        WebDriver browser = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            open(browser, "manage/orders/detail.xhtml?order=" + allRefunded);
            browser.findElement(By.id("restock-no")).click();
            confirmAndLoad(browser, By.id("refund:refundAll"));
            waitFor(browser, By.id("order-title"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("Refunded").contains("40.00");
            assertThat(browser.findElement(By.id("order-status")).getAttribute("data-status")).isEqualTo("REFUNDED");
            assertThat(browser.findElements(By.id("refund"))).as("nothing left to refund").isEmpty();
        } finally {
            browser.quit();
        }
        assertThat(providerRefundCalls(allRefunded)).isEqualTo(1);
        assertThat(heldSeats(allRefunded)).as("the seats stay off sale").isEqualTo(seatsBefore);
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".ticket WHERE order_id = '" + allRefunded + "' AND status = 'VALID'")).isZero();
    }

    // --- cancel, check payment, review

    @Test
    @Order(4)
    void staffCancelAnUnpaidOrderAskTheProviderAboutALostPaymentAndClearAFlag() {
        WebDriver browser = PaidOrders.signedIn(node, shop, CREW, PASSWORD);
        try {
            open(browser, "manage/orders/detail.xhtml?order=" + unpaid);
            assertThat(browser.findElements(By.id("refund"))).as("an unpaid order has nothing to refund").isEmpty();
            confirmAndLoad(browser, By.id("cancel:cancelOrder"));
            waitFor(browser, By.id("order-title"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("cancelled");
            assertThat(queryText("SELECT status FROM " + schema() + ".customer_order WHERE id = '" + unpaid + "'")).isEqualTo("CANCELLED");
            assertThat(heldSeats(unpaid)).as("its seat is back on sale").isZero();
            assertThat(browser.findElements(By.id("cancel"))).isEmpty();

            // the buyer paid, but the callback never came: staff ask the provider, and the order is paid
            String ref = queryText("SELECT payment_ref FROM " + schema() + ".customer_order WHERE id = '" + unpaidButPaidAtProvider + "'");
            sql("INSERT INTO " + schema() + ".sandbox_payment (payment_ref, state, amount_minor, currency) VALUES ('" + ref
                    + "', 'PAID', 6000, 'EUR')");
            open(browser, "manage/orders/detail.xhtml?order=" + unpaidButPaidAtProvider);
            confirmAndLoad(browser, By.id("check:checkPayment"));
            waitFor(browser, By.id("order-title"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("paid").contains("Paid");
            assertThat(queryText("SELECT status FROM " + schema() + ".customer_order WHERE id = '" + unpaidButPaidAtProvider + "'"))
                    .isEqualTo("PAID");
            assertThat(browser.findElement(By.id("callbacks")).getText()).contains("status:");

            // the flagged order: reviewed, it leaves the list
            open(browser, "manage/orders/detail.xhtml?order=" + flagged);
            assertThat(browser.findElement(By.id("order-flag")).getText()).contains("expected");
            confirmAndLoad(browser, By.id("review:markReviewed"));
            waitFor(browser, By.id("order-title"));
            assertThat(browser.findElements(By.id("order-flag"))).isEmpty();
            open(browser, "manage/orders/index.xhtml");
            assertThat(browser.findElements(By.cssSelector("#stuck tr[data-order='" + flagged + "']"))).isEmpty();
        } finally {
            browser.quit();
        }
        for (String[] audited : List.of(new String[] {unpaid, "order.cancel"}, new String[] {unpaidButPaidAtProvider, "order.check-payment"},
                new String[] {flagged, "order.review"})) {
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE subject = 'order:" + audited[0]
                    + "' AND action = '" + audited[1] + "' AND actor_email = '" + CREW + "'")).as(audited[1]).isEqualTo(1);
        }
    }

    // --- roles and shops

    @Test
    @Order(5)
    void financeSeesOrdersButNoActionsAndItsForgedPostsAreRefused() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node, shop, MONEY, PASSWORD);
        try {
            open(browser, "manage/orders/index.xhtml");
            assertThat(browser.findElements(By.id("stuck-title"))).hasSize(1);
            open(browser, "manage/orders/detail.xhtml?order=" + jazzOrder);
            assertThat(browser.findElement(By.id("lines")).getText()).contains("Seat");
            assertThat(browser.findElements(By.id("actions-title"))).as("no actions for finance").isEmpty();
            assertThat(browser.findElements(By.cssSelector("main input[type=submit], main button[type=submit]"))).isEmpty();
            Axe.assertClean(browser, "order-detail-finance");

            // a refund form posted by finance anyway (its own page has none): nothing is refunded
            Object forged = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const data = new URLSearchParams({'refund': 'refund', 'order': arguments[0], 'refundKey': 'forged-key-1',
                        'restock': 'yes', 'refund:refundAll': 'x', 'jakarta.faces.ViewState': 'stateless'});
                    fetch(location.pathname, {method: 'POST', body: data, credentials: 'same-origin'})
                        .then(r => r.text().then(t => done(r.status + ' ' + t.includes('Refunded')))).catch(e => done('error ' + e));""",
                    jazzOrder);
            assertThat(String.valueOf(forged)).as("the forged post's answer").doesNotContain("true");
            assertThat(refunds(jazzOrder)).isZero();
        } finally {
            browser.quit();
        }
        String financeToken = fixtures.token(shop, MONEY, PASSWORD);
        assertThat(ShopCalls.as(node, shop, financeToken, "GET", "api/manage/orders/" + jazzOrder, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refund = ShopCalls.HTTP.send(ShopCalls.request(node, shop, financeToken, "POST",
                "api/manage/orders/" + jazzOrder + "/refunds", "{\"restock\": true}").header("Idempotency-Key", "finance-refund-1").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refund.statusCode()).isEqualTo(403);
        assertThat(refunds(jazzOrder)).isZero();
    }

    @Test
    @Order(6)
    void staffRefundsAreRefusedWhenTheShopLetsOnlyAdminsRefund() throws Exception {
        WebDriver boss = PaidOrders.signedIn(node, shop, BOSS, PASSWORD);
        try {
            open(boss, "manage/orders/index.xhtml");
            setRule(boss, false);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'checkout.staff-refunds'"
                    + " AND after_values->>'staffMayRefund' = 'false'")).isEqualTo(1);

            String crewToken = fixtures.token(shop, CREW, PASSWORD);
            HttpResponse<String> refused = ShopCalls.HTTP.send(ShopCalls.request(node, shop, crewToken, "POST",
                    "api/manage/orders/" + jazzOrder + "/refunds", "{\"restock\": true}").header("Idempotency-Key", "crew-refund-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            WebDriver crew = PaidOrders.signedIn(node, shop, CREW, PASSWORD);
            try {
                open(crew, "manage/orders/detail.xhtml?order=" + jazzOrder);
                assertThat(crew.findElement(By.id("refund-admins-only")).isDisplayed()).isTrue();
                assertThat(crew.findElements(By.id("refund"))).isEmpty();
            } finally {
                crew.quit();
            }
            assertThat(refunds(jazzOrder)).isZero();
        } finally {
            open(boss, "manage/orders/index.xhtml");
            setRule(boss, true);
            boss.quit();
        }
    }

    @Test
    @Order(7)
    void anotherShopsOrderIsNotFound() throws Exception {
        String boss = fixtures.token(shop, BOSS, PASSWORD);
        assertThat(ShopCalls.as(node, shop, boss, "GET", "api/manage/orders/" + otherShopsOrder, null).statusCode()).isEqualTo(404);
        assertThat(ShopCalls.as(node, shop, boss, "POST", "api/manage/orders/" + otherShopsOrder + "/cancel", "{}").statusCode()).isEqualTo(404);
        // a buyer gets no orders however the path is spelled
        String buyer = fixtures.token(shop, BUYER, PASSWORD);
        for (String disguised : List.of("api/manage/orders", "api/manage;x=1/orders", "api/%6danage/orders", "api//manage/orders")) {
            HttpResponse<String> sneaking = ShopCalls.as(node, shop, buyer, "GET", disguised, null);
            assertThat(sneaking.statusCode()).as(disguised + ": " + sneaking.body()).isIn(400, 403, 404);
        }
        // the API pages and finds by number as the page does
        String page1 = ShopCalls.as(node, shop, boss, "GET", "api/manage/orders?limit=2", null).body();
        String page2 = ShopCalls.as(node, shop, boss, "GET", "api/manage/orders?limit=2&offset=2", null).body();
        assertThat(page1).contains("\"more\":true");
        assertThat(orderIds(page1)).hasSize(2).doesNotContainAnyElementsOf(orderIds(page2));
        assertThat(orderIds(ShopCalls.as(node, shop, boss, "GET", "api/manage/orders?number=" + number(jazzOrder), null).body()))
                .containsExactly(jazzOrder);
        assertThat(ShopCalls.as(node, shop, boss, "GET", "api/manage/orders?number=xyz", null).statusCode()).isEqualTo(422);
        assertThat(orderIds(ShopCalls.as(node, shop, boss, "GET", "api/manage/orders?number=" + number(otherShopsOrder), null).body()))
                .isEmpty();
        String cookies = PaidOrders.session(node, shop, BOSS, PASSWORD);
        for (String id : List.of(otherShopsOrder, "not-an-id")) {
            HttpResponse<String> page = ShopCalls.HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop)
                    + "manage/orders/detail.xhtml?order=" + id)).header("Cookie", cookies).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(id).isEqualTo(404);
            assertThat(page.body()).doesNotContain("zoe@buyers.test");
        }
        HttpResponse<String> own = ShopCalls.HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop)
                + "manage/orders/detail.xhtml?order=" + jazzOrder)).header("Cookie", cookies).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("eve@buyers.test");
    }

    // --- helpers

    private static void setRule(WebDriver browser, boolean staffMayRefund) {
        WebElement box = browser.findElement(By.id("rule:staffMayRefund"));
        if (box.isSelected() != staffMayRefund) {
            box.click();
        }
        Chromium.clickAndLoad(browser, By.id("rule:saveRule"));
        waitFor(browser, By.id("orders-title"));
        assertThat(browser.findElement(By.id("rule:staffMayRefund")).isSelected()).isEqualTo(staffMayRefund);
    }

    /** Clicks an action whose form asks to confirm, says yes, and waits for the page that comes back. */
    private static void confirmAndLoad(WebDriver browser, By button) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(Chromium.gone(page));
        waitFor(browser, By.tagName("main"));
    }

    /** The ids of the orders a search (a query string) lists on its first page. */
    private static List<String> search(WebDriver browser, String query) {
        open(browser, "manage/orders/index.xhtml?search=1&" + query);
        return browser.findElements(By.cssSelector("#results .result-row")).stream().map(r -> r.getAttribute("data-order")).toList();
    }

    private static void open(WebDriver browser, String path) {
        browser.get(ShopCalls.base(node, shop) + path);
        waitFor(browser, By.tagName("main"));
    }

    private static void waitFor(WebDriver browser, By what) {
        Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
        wait.until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private static void assertNoSidewaysScroll(WebDriver browser) {
        Object wider = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
        assertThat(wider).as("the page scrolls sideways at 390 px").isEqualTo(false);
    }

    private static List<String> orderIds(String body) {
        return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject().getJsonArray("orders").stream()
                .map(o -> o.asJsonObject().getString("orderId")).toList();
    }

    private static String number(String orderId) {
        return orderId.substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static long refunds(String orderId) {
        return queryLong("SELECT count(*) FROM " + schema() + ".refund WHERE order_id = '" + orderId + "'");
    }

    private static long providerRefundCalls(String orderId) {
        return queryLong("SELECT count(*) FROM " + schema() + ".sandbox_refund WHERE payment_ref = (SELECT payment_ref FROM "
                + schema() + ".customer_order WHERE id = '" + orderId + "')");
    }

    /** Seats of the order's holds still taken (sold or held). */
    private static long heldSeats(String orderId) {
        return queryLong("SELECT count(*) FROM " + schema() + ".hold_slot s JOIN " + schema() + ".order_hold oh ON oh.hold_id = s.hold_id"
                + " WHERE oh.order_id = '" + orderId + "'");
    }

    private static String schema() {
        return shop.tenant().schemaName();
    }
}
