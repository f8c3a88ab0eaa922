package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.DemoTenant;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.Chromium;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The storefront over HTTP and in a real browser, on a real Payara Micro: tenants by path and by
 * host name, the pages for unknown and closed shops, and attempts to reach one tenant's shop
 * through another's address.
 */
@ExtendWith(ArquillianExtension.class)
class StorefrontIT {

    private static final String ACME_HOST = "acme.tickets.test";
    private static final String ACME_EVENT = "Acme Rock Night";

    @ArquillianResource
    URL base;

    private static String closedSlug;
    /** HTTP/1.1: a forged Host header only means something there (HTTP/2 sends :authority). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeAll
    static void tenants() {
        DataSource db = SharedPostgres.dataSource();
        DemoTenant.ensure(db);
        TenantRegistry registry = new TenantRegistry(db);
        TenantProvisioning provisioning = new TenantProvisioning(registry, new TenantSchemas(db));
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        if (registry.findByHost(ACME_HOST).isEmpty()) {
            Tenant acme = provisioning.provision(new NewTenant(new TenantSlug("acme-" + suffix),
                    "Acme Live", List.of(ACME_HOST), new Branding(null, "#aa3300", null)));
            CatalogFixtures catalog = new CatalogFixtures(db, acme);
            long venue = catalog.venue("Acme Arena", "Springfield", "US", ZoneId.of("America/Chicago"));
            catalog.eventOnSale(venue, ACME_EVENT, "Rock", OffsetDateTime.now(ZoneOffset.UTC).plusDays(5), "USD", "GA", 3900);
        }
        closedSlug = "closed-" + suffix;
        provisioning.provision(NewTenant.of(closedSlug, "Shut Shop Events"));
        registry.changeStatus(new TenantSlug(closedSlug), TenantStatus.SUSPENDED);
    }

    @Test
    void demoShopByPathListsItsUpcomingEventsButNotDrafts() throws Exception {
        HttpResponse<String> page = get("t/demo/", null, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(DemoTenant.NAME).contains(DemoTenant.LISTED_TITLES)
                .doesNotContain(DemoTenant.DRAFT_TITLE).doesNotContain(ACME_EVENT)
                .contains("from €45.00").contains("--brand: #0b6e4f");
    }

    @Test
    void shopByHostNameShowsOnlyThatTenant() throws Exception {
        HttpResponse<String> page = get("", ACME_HOST, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Acme Live").contains(ACME_EVENT).contains("from $39.00")
                .doesNotContain(DemoTenant.NAME);
    }

    @Test
    void aTenantHostCannotBeUsedToReachAnotherTenantByPath() throws Exception {
        HttpResponse<String> page = get("t/demo/", ACME_HOST, "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain(DemoTenant.NAME).doesNotContain(DemoTenant.LISTED_TITLES.get(0));
    }

    @Test
    void unknownShopGetsAClearNotFoundInHtmlAndJson() throws Exception {
        HttpResponse<String> html = get("t/nobody-here/", null, "text/html");
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.body()).contains("No shop here").doesNotContain("Exception");

        HttpResponse<String> json = get("t/nobody-here/", null, "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json.body()).contains("\"error\":\"tenant_not_found\"");

        assertThat(get("t/Not_A_Slug!/", null, "text/html").statusCode()).isEqualTo(404);
        assertThat(get("", "unknown.tickets.test", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void suspendedShopSaysItIsClosed() throws Exception {
        HttpResponse<String> page = get("t/" + closedSlug + "/", null, "text/html");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("This shop is closed").contains("Shut Shop Events");
        HttpResponse<String> json = get("t/" + closedSlug + "/", null, "application/json");
        assertThat(json.body()).contains("\"error\":\"shop_closed\"");
    }

    @Test
    void bareShopPathRedirectsToItsFolderAndUnknownPagesAreFriendly() throws Exception {
        HttpResponse<String> redirect = get("t/demo", null, "text/html");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/t/demo/"));

        HttpResponse<String> missing = get("t/demo/no-such-page.xhtml", null, "text/html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("This page is not available").doesNotContain("Exception").doesNotContain("at io.")
                .contains("Diese Seite ist nicht verfügbar").contains("此页面无法访问");
    }

    @Test
    void eventsApiFiltersByCategoryDateAndVenueWithinItsShopOnly() throws Exception {
        HttpResponse<String> all = get("t/demo/api/events", null, "application/json");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains(DemoTenant.LISTED_TITLES).doesNotContain(DemoTenant.DRAFT_TITLE).doesNotContain(ACME_EVENT)
                .contains("\"priceFrom\":{\"amount\":\"45.00\",\"currency\":\"EUR\"}").contains("\"timeZone\":\"Europe/Berlin\"");

        HttpResponse<String> jazz = get("t/demo/api/events?category=jazz", null, "application/json");
        assertThat(jazz.body()).contains(DemoTenant.LISTED_TITLES.get(1))
                .doesNotContain(DemoTenant.LISTED_TITLES.get(0)).doesNotContain(DemoTenant.LISTED_TITLES.get(2));

        // The demo's events are 9, 16 and 30 days out: a window from day 12 to day 20 holds only the jazz night.
        var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        HttpResponse<String> window = get("t/demo/api/events?from=" + today.plusDays(12) + "&to=" + today.plusDays(20),
                null, "application/json");
        assertThat(window.body()).contains(DemoTenant.LISTED_TITLES.get(1)).doesNotContain(DemoTenant.LISTED_TITLES.get(0));

        assertThat(get("t/demo/api/events?venue=999999", null, "application/json").body()).isEqualTo("{\"events\":[]}");
        assertThat(get("api/events", ACME_HOST, "application/json").body()).contains(ACME_EVENT).doesNotContain(DemoTenant.NAME);

        HttpResponse<String> bad = get("t/demo/api/events?from=yesterday", null, "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"from\"");
        assertThat(get("t/demo/api/events?limit=0", null, "application/json").body()).contains("\"field\":\"limit\"");
        assertThat(get("t/demo/api/events?from=2027-01-02&to=2027-01-01", null, "application/json").body())
                .contains("\"field\":\"to\"");
    }

    @Test
    void browserShowsTheBrandedDemoShop() {
        WebDriver browser = Chromium.start();
        try {
            browser.get(base + "t/demo/");
            assertThat(browser.getTitle()).isEqualTo(DemoTenant.NAME + " – tickets");
            assertThat(browser.findElement(By.id("shop-name")).getText()).isEqualTo(DemoTenant.NAME);
            List<String> titles = browser.findElements(By.cssSelector(".event .title")).stream()
                    .map(WebElement::getText).toList();
            assertThat(titles).containsExactlyElementsOf(DemoTenant.LISTED_TITLES);
            String headerColour = browser.findElement(By.cssSelector(".shop-header")).getCssValue("background-color");
            assertThat(headerColour).isEqualTo("rgba(11, 110, 79, 1)");
            Axe.assertClean(browser, "listing-desktop");
            Keyboard.assertFocusVisible(browser, "listing-desktop");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            Axe.assertClean(browser, "listing-390");
        } finally {
            browser.quit();
        }
    }

    @Test
    void eachListedEventLinksToItsPageWithItsTicketsAndWhatABuyerMayChoose() throws Exception {
        WebDriver browser = Chromium.start();
        try {
            browser.get(base + "t/demo/");
            String gala = DemoTenant.LISTED_TITLES.get(0);
            browser.findElement(By.linkText(gala)).click();
            assertThat(browser.getCurrentUrl()).matches(".*/t/demo/events/[0-9]+");
            assertThat(browser.getTitle()).isEqualTo("Tickets for " + gala + " – " + DemoTenant.NAME);
            assertThat(browser.findElement(By.cssSelector("h1.title")).getText()).isEqualTo(gala);
            assertThat(browser.findElement(By.cssSelector(".venue")).getText()).contains("Harbour Hall").contains("Hamburg");
            assertThat(browser.findElement(By.cssSelector(".zone")).getText()).isEqualTo("Europe/Berlin");
            assertThat(browser.findElement(By.cssSelector(".when .time")).getText()).as("in the event's time zone").matches("(7:00|19:00).*");
            List<String> names = browser.findElements(By.cssSelector(".offer .name")).stream().map(WebElement::getText).toList();
            List<String> prices = browser.findElements(By.cssSelector(".offer .price")).stream().map(WebElement::getText).toList();
            assertThat(names).containsExactly("Stalls", "Balcony");
            assertThat(prices).containsExactly("€69.00", "€45.00");
            assertThat(browser.findElements(By.cssSelector(".offer .limit")).get(0).getText()).isEqualTo("Up to 10 per order");
            assertThat(browser.findElements(By.cssSelector(".offer .selling"))).hasSize(2);
            Chromium.screenshot(browser, "event-page-desktop");
            Axe.assertClean(browser, "event-page-desktop");
            Keyboard.assertFocusVisible(browser, "event-page-desktop");

            // usable at a phone's width: nothing wider than the screen
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            Chromium.screenshot(browser, "event-page-390");
            Axe.assertClean(browser, "event-page-390");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theFriendlyErrorPagesPassTheAccessibilityGate() {
        WebDriver browser = Chromium.start();
        try {
            browser.get(base + "t/demo/no-such-page.xhtml");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This page is not available");
            Axe.assertClean(browser, "error-404-desktop");
            browser.get(base + "t/nobody-here/");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No shop here");
            Axe.assertClean(browser, "unknown-shop");
            browser.get(base + "t/" + closedSlug + "/");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This shop is closed");
            Axe.assertClean(browser, "closed-shop");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.get(base + "t/demo/events/999999999");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This page is not available");
            Axe.assertClean(browser, "error-404-390");
        } finally {
            browser.quit();
        }
    }

    @Test
    void keyboardUsersSkipToTheContentAndSeeWhereTheyAre() {
        WebDriver browser = Chromium.start();
        try {
            browser.get(base + "t/demo/");
            org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser);

            // The first Tab lands on the skip link, which then shows itself on the focus colour. Under the suite's two
            // test JVMs a Tab sent as the page finished loading once went nowhere (focus stayed on the body): the
            // first Tab of a fresh load is tried once more before it counts.
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            WebElement skip = browser.switchTo().activeElement();
            if ("body".equals(skip.getTagName()) || skip.getAttribute("class") == null || skip.getAttribute("class").isEmpty()) {
                browser.get(base + "t/demo/");
                keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
                skip = browser.switchTo().activeElement();
            }
            assertThat(skip.getAttribute("class")).isEqualTo("skip-link");
            assertThat(skip.getRect().getY()).as("on screen once focused").isGreaterThanOrEqualTo(0);
            assertThat(skip.getCssValue("background-color")).isEqualTo("rgba(255, 221, 0, 1)");
            Chromium.screenshot(browser, "skip-link-focused");

            // Enter moves focus to main: the next Tab is the search field, past the header; Tabs on reach the first event.
            keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
            WebElement first = browser.switchTo().activeElement();
            for (int i = 0; i < 30 && !first.getText().equals(DemoTenant.LISTED_TITLES.get(0)); i++) {
                keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
                first = browser.switchTo().activeElement();
            }
            assertThat(first.getText()).isEqualTo(DemoTenant.LISTED_TITLES.get(0));
            // :focus-visible paints the focused link on the focus colour, not just a thin outline.
            assertThat(first.getCssValue("background-color")).isEqualTo("rgba(255, 221, 0, 1)");

            // Tab goes through the page in reading order: skip link, shop name, account, the events; each stop visibly focused.
            browser.get(base + "t/demo/");
            List<String> order = Keyboard.assertFocusVisible(browser, "listing-tab-order").stream().map(Keyboard.Stop::name).toList();
            assertThat(order).as("tab order").startsWith("Skip to main content", DemoTenant.NAME)
                    .containsSubsequence(DemoTenant.LISTED_TITLES).endsWith(DemoTenant.LISTED_TITLES.get(DemoTenant.LISTED_TITLES.size() - 1));
        } finally {
            browser.quit();
        }
    }

    @Test
    void anUnknownDraftOrOtherShopsEventIsTheFriendlyNotFoundPage() throws Exception {
        DataSource db = SharedPostgres.dataSource();
        long draft;
        long acmeEvent;
        try (var c = db.getConnection(); var s = c.createStatement()) {
            var r = s.executeQuery("SELECT id FROM tenant_demo.event WHERE title = '" + DemoTenant.DRAFT_TITLE.replace("'", "''") + "'");
            r.next();
            draft = r.getLong(1);
            String acmeSchema = new TenantRegistry(db).findByHost(ACME_HOST).orElseThrow().schemaName();
            r = s.executeQuery("SELECT id FROM " + acmeSchema + ".event WHERE title = '" + ACME_EVENT + "'");
            r.next();
            acmeEvent = r.getLong(1);
        }
        for (String path : List.of("t/demo/events/999999999", "t/demo/events/abc", "t/demo/events/" + draft,
                "t/demo/events/-1", "t/demo/events/1/2", "t/demo/events/99999999999999999999999")) {
            HttpResponse<String> page = get(path, null, "text/html");
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("This page is not available").doesNotContain("Exception");
        }
        HttpResponse<String> own = get("events/" + acmeEvent, ACME_HOST, "text/html");
        assertThat(own.statusCode()).as("on its own host").isEqualTo(200);
        assertThat(own.body()).contains(ACME_EVENT).contains("$39.00");
        HttpResponse<String> foreign = get("t/demo/events/" + acmeEvent, null, "text/html");
        assertThat(foreign.body()).doesNotContain(ACME_EVENT);
    }

    private HttpResponse<String> get(String path, String host, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept);
        if (host != null) {
            request.header("Host", host);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
