package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.PlainSql;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A buyer's whole journey in a real Chromium on a real Payara Micro, PostgreSQL and Keycloak,
 * through the sandbox provider: listing, event page, tickets held with a countdown, coupon, guest
 * or signed-in checkout, payment, the confirmation page turning PAID on its own, the order in the
 * account; and the ways it goes wrong: declined payment, sold out, only N left, a hold that runs
 * out, a checkout sent twice, and another shop's pages.
 */
@ExtendWith(ArquillianExtension.class)
class BuyerJourneyIT {

    private static final DataSource DB = SharedPostgres.dataSource();
    private static final String PASSWORD = "journey-pass-1";

    @ArquillianResource
    URL base;

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static CatalogFixtures catalog;
    private static long venue;
    private WebDriver browser;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    /** Once, on the first test: the realms' redirect addresses are the deployed node's, known only then. */
    @BeforeEach
    void shops() throws Exception {
        if (shop != null) {
            return;
        }
        fixtures = new RealmFixtures();
        shop = fixtures.tenant("journey", root());
        otherShop = fixtures.tenant("journey-b", root());
        for (var s : List.of(shop, otherShop)) {
            sql("UPDATE %s.checkout_settings SET guest_checkout = true", s);
        }
        catalog = new CatalogFixtures(DB, shop.tenant());
        venue = catalog.venue("Riverside Hall", "Leipzig", "DE", ZoneId.of("Europe/Berlin"));
        sql("INSERT INTO %s.coupon (code, percent_off) VALUES ('FRIENDS10', 10)", shop);
    }

    @AfterAll
    static void close() {
        if (fixtures != null) {
            fixtures.close();
        }
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aGuestBuysTwoTicketsWithACouponAndTheConfirmationTurnsPaidOnItsOwn() throws Exception {
        long event = event("Harbour Lights", 50, 4500);
        start(null);
        browser.get(shopUrl(shop) );
        Chromium.screenshot(browser, "journey-1-listing");
        browser.findElement(By.linkText("Harbour Lights")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/events/" + event);
        Axe.assertClean(browser, "journey-event");
        Keyboard.assertFocusVisible(browser, "journey-event");
        pick(typeOf(event), 2);
        Chromium.screenshot(browser, "journey-2-event");
        browser.findElement(By.id("tickets:reserve")).click();

        wait.until(ExpectedConditions.urlMatches(".*/cart$"));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Your cart");
        assertThat(browser.findElement(By.cssSelector(".line .quantity")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("td.total")).getText()).isEqualTo("€90.00");
        // The countdown runs from the server's end of the hold: 15 minutes, shown as m:ss.
        wait.until(d -> d.findElement(By.cssSelector(".timer .remaining")).getText().matches("\\(1[45]:[0-5][0-9]\\)"));
        assertThat(browser.findElement(By.id("cart-link")).isDisplayed()).isTrue();

        browser.findElement(By.id("coupon:code")).sendKeys("NOPE");
        browser.findElement(By.id("coupon:apply")).click();
        awaitMessage("There is no such coupon in this shop.");
        browser.findElement(By.id("coupon:code")).sendKeys("friends10");
        browser.findElement(By.id("coupon:apply")).click();
        awaitMessage("The coupon takes €9.00 off.");
        assertThat(browser.findElement(By.cssSelector(".coupon-form .applied")).getText()).contains("FRIENDS10");
        assertThat(browser.findElement(By.cssSelector("td.discount")).getText()).isEqualTo("−€9.00");
        assertThat(browser.findElement(By.cssSelector("td.total")).getText()).isEqualTo("€81.00");

        Axe.assertClean(browser, "journey-cart");
        Keyboard.assertFocusVisible(browser, "journey-cart");
        browser.get(browser.getCurrentUrl()); // from the top, as a buyer first sees it
        Chromium.screenshot(browser, "journey-3-cart");
        narrow("journey-3-cart-390");

        // Nothing typed: the page says what is missing and makes no order.
        browser.findElement(By.id("checkout:pay")).click();
        wait.until(d -> {
            try {
                return d.findElement(By.cssSelector(".checkout-form")).getText().contains("Please enter your e-mail address");
            } catch (org.openqa.selenium.StaleElementReferenceException reloading) {
                return false;
            }
        });
        assertThat(ordersFor(event)).isZero();
        browser.findElement(By.id("checkout:email")).sendKeys("guest.buyer@example.test");
        browser.findElement(By.id("checkout:name")).sendKeys("Gertrud Gast");
        assertThat(browser.findElement(By.id("checkout:consent")).isSelected()).as("consent is given, not assumed").isFalse();
        browser.findElement(By.id("checkout:pay")).click();

        // The sandbox provider's page; its callback is made to arrive three seconds after the buyer returns.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("81.00 EUR");
        ((JavascriptExecutor) browser).executeScript("var i = document.createElement('input'); i.type = 'hidden';"
                + " i.name = 'delayMs'; i.value = '3000'; document.forms[0].appendChild(i);");
        browser.findElement(By.cssSelector("button[value=pay]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-status]")));
        assertThat(browser.getCurrentUrl()).matches(".*/orders/[0-9a-f-]{36}\\?key=.*");
        assertThat(status()).as("the callback is still on its way").isEqualTo("PENDING");
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Waiting for your payment");
        Axe.assertClean(browser, "journey-order-pending");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "PAID".equals(status()));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Thank you, your order is paid");
        assertThat(browser.findElements(By.cssSelector(".tickets .ticket.valid"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("td.total")).getText()).isEqualTo("€81.00");
        Axe.assertClean(browser, "journey-order-paid");
        Chromium.screenshot(browser, "journey-4-confirmation");
        narrow("journey-4-confirmation-390");

        // The link the guest was given opens the order in any browser; a made-up key opens nothing.
        String link = browser.findElement(By.id("order-link")).getText();
        assertThat(link).isEqualTo(browser.getCurrentUrl());
        browser.manage().deleteAllCookies();
        browser.get(link);
        assertThat(status()).isEqualTo("PAID");
        HttpResponse<String> forged = get(link.replaceAll("key=.*", "key=AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).doesNotContain("Harbour Lights");
        assertThat(PlainSql.count(DB, "SELECT count(*) FROM " + shop.tenant().schemaName() + ".customer_order o WHERE o.id = '"
                + link.replaceAll(".*/orders/([0-9a-f-]{36}).*", "$1") + "' AND o.status = 'PAID' AND NOT o.marketing_consent")).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentGivesTheSeatsBackAndLeadsBackToTheEvent() throws Exception {
        long event = event("Declined Evening", 2, 3000);
        start(null);
        reserve(event, 2);
        guestCheckout("declined@example.test", "Dee Klein");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        browser.findElement(By.cssSelector("button[value=decline]")).click();
        wait.until(d -> "CANCELLED".equals(status()));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Your payment did not go through");
        assertThat(browser.findElement(By.cssSelector(".explain")).getText()).contains("the tickets went back on sale");
        Axe.assertClean(browser, "journey-order-declined");
        browser.findElement(By.cssSelector("a.back-to-event")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/events/" + event);
        // Both seats are on sale again: the picker offers 0 to 2.
        assertThat(new Select(picker(typeOf(event))).getOptions()).hasSize(3);
    }

    @Test
    void onlyNLeftAndSoldOutAreSaidOnTheEventPageNeverAnErrorPage() throws Exception {
        long event = event("Tiny Club", 3, 2000);
        long type = typeOf(event);
        start(null);
        browser.get(shopUrl(shop) + "events/" + event);
        // Meanwhile someone else takes two of the three.
        apiHold(type, 2);
        pick(type, 3);
        browser.findElement(By.id("tickets:reserve")).click();
        awaitMessage("Only 1 of Tiny Club left: please choose fewer.");
        Axe.assertClean(browser, "journey-event-only-n-left");
        assertThat(browser.getCurrentUrl()).endsWith("/events/" + event);
        apiHold(type, 1);
        browser.get(shopUrl(shop) + "events/" + event);
        assertThat(browser.findElement(By.cssSelector(".offer .sold-out")).getText()).isEqualTo("Sold out");
        assertThat(browser.findElements(By.id("tickets:reserve"))).isEmpty();
    }

    @Test
    void theEventPagesTicketFormNeedsNoSessionSoAPageLeftOpenStillReserves() throws Exception {
        long event = event("Forgotten Form", 10, 1000);
        start(null);
        browser.get(shopUrl(shop) + "events/" + event);
        browser.manage().deleteAllCookies(); // as when the session ran out, or another node answers
        pick(typeOf(event), 1);
        browser.findElement(By.id("tickets:reserve")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cart$"));
        assertThat(PlainSql.count(DB, "SELECT count(*) FROM " + shop.tenant().schemaName() + ".hold_line l JOIN "
                + shop.tenant().schemaName() + ".ticket_type t ON t.id = l.ticket_type_id WHERE t.event_id = " + event)).isEqualTo(1);
    }

    @Test
    void aFormOfAPageTheServerForgotIsSentBackWithAMessageNotAnErrorPage() throws Exception {
        long event = event("Forgotten Cart", 10, 1000);
        start(null);
        reserve(event, 1);
        browser.manage().deleteAllCookies(); // the cart's forms keep their state in the session: now gone
        browser.findElement(By.id("hold:remove")).click();
        awaitMessage("This page had been open too long, so nothing was done.");
        assertThat(browser.getCurrentUrl()).endsWith("/cart");
        assertThat(PlainSql.count(DB, "SELECT count(*) FROM " + shop.tenant().schemaName() + ".hold_line l JOIN "
                + shop.tenant().schemaName() + ".ticket_type t ON t.id = l.ticket_type_id WHERE t.event_id = " + event))
                .as("nothing was done: the hold is still there").isEqualTo(1);
    }

    @Test
    void theJourneyInGermanAndChinese() throws Exception {
        long event = event("Mondschein", 20, 4500);
        start("de");
        // The realm's sign-in page speaks the shop reader's language too.
        browser.get(shopUrl(shop) + "signin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        reserve(event, 2);
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Ihr Warenkorb");
        assertThat(browser.findElement(By.cssSelector("td.total")).getText()).isEqualTo("90,00 €");
        assertThat(browser.findElement(By.id("checkout:pay")).getAttribute("value")).isEqualTo("90,00\u00a0€ bezahlen");
        Axe.assertClean(browser, "journey-cart-de");
        Chromium.screenshot(browser, "journey-cart-de");
        guestCheckout("gast@example.test", "Grete Gast");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        browser.findElement(By.cssSelector("button[value=pay]")).click();
        wait.until(d -> "PAID".equals(status()));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Danke, Ihre Bestellung ist bezahlt");
        browser.quit();

        start("zh-CN");
        reserve(event, 1);
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("购物车");
        assertThat(browser.findElement(By.id("checkout:pay")).getAttribute("value")).isEqualTo("支付 €45.00");
        Axe.assertClean(browser, "journey-cart-zh-CN");
        Chromium.screenshot(browser, "journey-cart-zh-CN");
        guestCheckout("guke@example.test", "王小明");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        browser.findElement(By.cssSelector("button[value=pay]")).click();
        wait.until(d -> "PAID".equals(status()));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("谢谢，您的订单已支付");
        Chromium.screenshot(browser, "journey-confirmation-zh-CN");
    }

    @Test
    void aHoldCanBeExtendedOnceAndOneThatRunsOutSaysSoAndFreesItsSeats() throws Exception {
        long event = event("Long Night", 5, 1500);
        start(null);
        reserve(event, 1);
        String hold = PlainSql.text(DB, "SELECT id FROM " + shop.tenant().schemaName() + ".hold ORDER BY created_at DESC LIMIT 1");
        OffsetDateTime before = expiry(hold);
        browser.findElement(By.id("hold:extend")).click();
        awaitMessage("You have more time");
        assertThat(Duration.between(before, expiry(hold)).toMinutes()).isEqualTo(15);
        assertThat(browser.findElements(By.id("hold:extend"))).as("once only").isEmpty();

        // The hold now ends in eight seconds: the page warns, then says it ran out; the seats come back.
        sql("UPDATE %s.hold SET expires_at = now() + interval '8 seconds' WHERE id = '" + hold + "'", shop);
        browser.get(shopUrl(shop) + "cart");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".timer-warning")));
        assertThat(browser.findElement(By.cssSelector(".timer-warning")).getText()).contains("Your tickets will soon be released");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> messages().contains("Your hold ran out"));
        assertThat(browser.findElement(By.cssSelector(".empty")).getText()).isEqualTo("Your cart is empty.");
        Axe.assertClean(browser, "journey-cart-ran-out");
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(2)).until(d ->
                PlainSql.count(DB, "SELECT count(*) FROM " + shop.tenant().schemaName() + ".hold_slot WHERE hold_id = '" + hold + "'") == 0);
    }

    @Test
    void soldOutWhileInTheCartTheHoldKeepsItsSeatsButGetsNoMoreTime() throws Exception {
        long event = event("Last Two", 2, 3300);
        start(null);
        reserve(event, 1);
        apiHold(typeOf(event), 1); // the other seat goes: others now wait for this one
        browser.findElement(By.id("hold:extend")).click();
        awaitMessage("These tickets are sold out and others are waiting for them, so we cannot give you more time.");
        // The buyer's seat is still theirs: they can pay for it.
        guestCheckout("last@example.test", "Lara Last");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        browser.findElement(By.cssSelector("button[value=pay]")).click();
        wait.until(d -> "PAID".equals(status()));
        assertThat(browser.findElements(By.cssSelector(".tickets .ticket.valid"))).hasSize(1);
    }

    @Test
    void aCheckoutSentTwiceAtOnceMakesOneOrder() throws Exception {
        long event = event("Double Click Gig", 20, 1000);
        start(null);
        reserve(event, 1);
        browser.findElement(By.id("checkout:email")).sendKeys("twice@example.test");
        browser.findElement(By.id("checkout:name")).sendKeys("Tom Twice");
        // The form as the browser would send it, twice at the same moment, with the browser's session.
        WebElement form = browser.findElement(By.id("checkout"));
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (WebElement input : form.findElements(By.cssSelector("input"))) {
            String type = input.getAttribute("type");
            if (!"checkbox".equals(type) && !"submit".equals(type)) {
                fields.put(input.getAttribute("name"), input.getAttribute("value"));
            }
        }
        fields.put("checkout:pay", browser.findElement(By.id("checkout:pay")).getAttribute("value"));
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        URI action = URI.create(form.getAttribute("action"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        Callable<HttpResponse<String>> submit = () -> http.send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .header("Origin", root().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        List<HttpResponse<String>> answers = ClusterTestSupport.runAll(List.of(submit, submit), 2);
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(302));
        assertThat(answers.get(0).headers().firstValue("Location")).isEqualTo(answers.get(1).headers().firstValue("Location"));
        assertThat(ordersFor(event)).isEqualTo(1);
    }

    @Test
    void aSignedInBuyerPaysAndFindsTheOrderInTheirAccount() throws Exception {
        String email = "member." + System.nanoTime() + "@example.test";
        fixtures.user(shop, email, PASSWORD);
        long event = event("Members Matinee", 30, 2200);
        start(null);
        browser.get(shopUrl(shop) + "account/orders.xhtml");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main .empty")));
        assertThat(browser.findElement(By.cssSelector("main .empty")).getText()).isEqualTo("You have no orders in this shop yet.");

        reserve(event, 1);
        assertThat(browser.findElement(By.cssSelector(".checkout-form .buyer")).getText()).contains(email);
        assertThat(browser.findElements(By.id("checkout:email"))).as("the account's address is used").isEmpty();
        browser.findElement(By.id("checkout:consent")).click();
        browser.findElement(By.id("checkout:pay")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        browser.findElement(By.cssSelector("button[value=pay]")).click();
        wait.until(d -> "PAID".equals(status()));
        assertThat(browser.findElements(By.id("order-link"))).as("an account's order needs no link").isEmpty();

        browser.findElement(By.id("my-orders")).click();
        List<WebElement> rows = browser.findElements(By.cssSelector(".my-order"));
        Axe.assertClean(browser, "journey-my-orders");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("Paid").contains("€22.00");
        rows.get(0).findElement(By.tagName("a")).click();
        assertThat(status()).isEqualTo("PAID");
        assertThat(PlainSql.count(DB, "SELECT count(*) FROM " + shop.tenant().schemaName() + ".customer_order WHERE marketing_consent"))
                .as("only this buyer ticked it").isEqualTo(1);
    }

    @Test
    void anotherShopOnTheSameHostSeesNoneOfThisShopsCartOrOrders() throws Exception {
        long event = event("Private Party", 10, 5000);
        start(null);
        reserve(event, 1);
        guestCheckout("own@example.test", "Owen Own");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("amount")));
        browser.findElement(By.cssSelector("button[value=pay]")).click();
        wait.until(d -> "PAID".equals(status()));
        String link = browser.getCurrentUrl();
        String orderPath = link.substring(link.indexOf("/orders/"));

        browser.get(shopUrl(otherShop) + "cart");
        assertThat(browser.findElement(By.cssSelector(".empty")).getText()).isEqualTo("Your cart is empty.");
        assertThat(browser.findElements(By.id("last-order"))).isEmpty();
        // The order's own link, key and all, under the other shop: nothing there, not even that it exists.
        HttpResponse<String> foreign = get(shopUrl(otherShop) + orderPath.substring(1));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("Private Party");
        browser.get(shopUrl(otherShop) + orderPath.substring(1).replaceAll("\\?.*", ""));
        assertThat(browser.getPageSource()).doesNotContain("Private Party");
        assertThat(get(shopUrl(otherShop) + "events/" + event).statusCode()).isEqualTo(404);
    }

    // ---- steps ----

    private void start(String language) {
        browser = Chromium.start(language);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.WebDriverException.class); // stale, or "node does not belong to the document", while a page is replaced
    }

    private void reserve(long event, int quantity) {
        browser.get(shopUrl(shop) + "events/" + event);
        pick(typeOf(event), quantity);
        browser.findElement(By.id("tickets:reserve")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cart$"));
    }

    private void guestCheckout(String email, String name) {
        browser.findElement(By.id("checkout:email")).sendKeys(email);
        browser.findElement(By.id("checkout:name")).sendKeys(name);
        browser.findElement(By.id("checkout:pay")).click();
    }

    private WebElement picker(long type) {
        return browser.findElement(By.cssSelector("li.offer[data-ticket-type-id='" + type + "'] select"));
    }

    private void pick(long type, int quantity) {
        new Select(picker(type)).selectByValue(String.valueOf(quantity));
    }

    private String status() {
        List<WebElement> found = browser.findElements(By.cssSelector("[data-status]"));
        return found.isEmpty() ? null : found.get(0).getAttribute("data-status");
    }

    private String messages() {
        try {
            List<WebElement> found = browser.findElements(By.id("messages"));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (org.openqa.selenium.WebDriverException reloading) {
            // the page is being replaced: stale, or Chromium's "node does not belong to the document"; ask again
            return "";
        }
    }

    /** Waits for the page the last click led to to say {@code text} (the click may still be loading it). */
    private void awaitMessage(String text) {
        wait.until(d -> messages().contains(text));
    }

    private void narrow(String screenshot) {
        Dimension wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(browser.getCurrentUrl());
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as(screenshot + ": nothing wider than the phone").isLessThanOrEqualTo(0L);
        Chromium.screenshot(browser, screenshot);
        browser.manage().window().setSize(wide);
    }

    /** Someone else's hold, through the API as a new guest. */
    private void apiHold(long type, int quantity) throws Exception {
        HttpResponse<String> held = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(shopUrl(shop) + "api/holds"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ticketTypeId\": " + type + ", \"quantity\": " + quantity + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String root() {
        return base.toString().endsWith("/") ? base.toString() : base + "/";
    }

    private String shopUrl(RealmFixtures.TenantRealm realm) {
        return root() + "t/" + realm.tenant().slug().value() + "/";
    }

    private static long event(String title, int capacity, long priceMinor) {
        long event = catalog.eventOnSale(venue, title, "Concert", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "EUR",
                title, priceMinor);
        sql("UPDATE %s.ticket_type SET capacity = " + capacity + " WHERE event_id = " + event, shop);
        return event;
    }

    private static long typeOf(long event) {
        return PlainSql.count(DB, "SELECT id FROM " + shop.tenant().schemaName() + ".ticket_type WHERE event_id = " + event);
    }

    /** Orders with a line of the event (each test has its own event: they may run in any order). */
    private static long ordersFor(long event) {
        String schema = shop.tenant().schemaName();
        return PlainSql.count(DB, "SELECT count(DISTINCT l.order_id) FROM " + schema + ".order_line l JOIN " + schema
                + ".ticket_type t ON t.id = l.ticket_type_id WHERE t.event_id = " + event);
    }

    private static OffsetDateTime expiry(String hold) {
        return OffsetDateTime.parse(PlainSql.text(DB, "SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM "
                + shop.tenant().schemaName() + ".hold WHERE id = '" + hold + "'"));
    }

    private static void sql(String statement, RealmFixtures.TenantRealm realm) {
        PlainSql.run(DB, statement.formatted(realm.tenant().schemaName()));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
