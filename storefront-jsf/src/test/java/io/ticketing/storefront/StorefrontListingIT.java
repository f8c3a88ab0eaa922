package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.CatalogFixtures;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The listing a buyer searches: title text, the event's own local days, venue and category,
 * twenty a page with the filters kept from page to page, "on sale from", the empty and no-match
 * states, messages for parameters that cannot be used; by path and on the shop's own host; and the
 * header's language switcher, which sticks across pages and beats the browser's Accept-Language.
 * Real Payara Micro, PostgreSQL and Chromium.
 */
@ExtendWith(ArquillianExtension.class)
class StorefrontListingIT {

    private static final int FILLERS = 24;
    private static final String LANTERNS = "Midnight Lanterns";
    private static final String BAY = "Late Show by the Bay";
    private static final String EVE = "Eve of the Day";
    private static final String MORNING_AFTER = "Morning After";
    private static final String AERZTE = "Die ÄRZTE unplugged";
    private static final String GALA = "Not Yet On Sale Gala";
    private static final String SOLD_OUT = "Sold Out Sinfonie";
    /** Beyond the 31 cached days: these are read from the database, text and days filtered there. */
    private static final String FAR_PERCENT = "ÜBERSEE 100% Nacht";
    private static final String FAR_THOUSAND = "Übersee 1000 Sterne";
    private static final String FAR_DAWN = "Pearl Dawn";

    @ArquillianResource
    URL base;

    private static String shop;
    private static String host;
    private static String emptyShop;
    /** The day most tests filter on, ten days ahead; the far days two months ahead. */
    private static LocalDate day;
    private static LocalDate far;
    private static long pearlId;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeAll
    static void shops() {
        DataSource db = SharedPostgres.dataSource();
        TenantProvisioning provisioning = new TenantProvisioning(new TenantRegistry(db), new TenantSchemas(db));
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        host = "listing-" + suffix + ".tickets.test";
        Tenant tenant = provisioning.provision(new NewTenant(new TenantSlug("listing-" + suffix), "Three Cities Live",
                List.of(host), new Branding(null, "#5b2a86", null)));
        emptyShop = "t/" + provisioning.provision(NewTenant.of("quiet-" + suffix, "Quiet Rooms")).slug().value() + "/";
        shop = "t/listing-" + suffix + "/";

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        CatalogFixtures catalog = new CatalogFixtures(db, tenant);
        long harbour = catalog.venue("Harbour Hall", "Hamburg", "DE", berlin);
        pearlId = catalog.venue("Pearl Stage", "Shanghai", "CN", shanghai);
        long bay = catalog.venue("Bay Club", "San Francisco", "US", losAngeles);
        day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        far = LocalDate.now(ZoneOffset.UTC).plusDays(60);

        for (int i = 1; i <= FILLERS; i++) {
            catalog.eventOnSale(harbour, "Harbour Session " + i, "Rock", at(day.plusDays(i), 20, 0, berlin), "EUR", "Standing", 2000);
        }
        // The day's events by local time: 00:30 in Shanghai is the day before in UTC, 23:30 in
        // Los Angeles the day after; the eve and the morning after are the days around it.
        catalog.eventOnSale(pearlId, LANTERNS, "Jazz", at(day, 0, 30, shanghai), "CNY", "Seat", 18000);
        catalog.eventOnSale(bay, BAY, "Jazz", at(day, 23, 30, losAngeles), "USD", "Bar", 3000);
        catalog.eventOnSale(harbour, EVE, "Jazz", at(day.minusDays(1), 23, 0, berlin), "EUR", "Standing", 1500);
        catalog.eventOnSale(pearlId, MORNING_AFTER, "Jazz", at(day.plusDays(1), 0, 30, shanghai), "CNY", "Seat", 9000);
        catalog.eventOnSale(harbour, AERZTE, "Rock", at(day.plusDays(3), 21, 0, berlin), "EUR", "Standing", 4500);
        long gala = catalog.eventOnSale(pearlId, GALA, "Opera", at(day.plusDays(5), 19, 30, shanghai), "CNY", "Stalls", 68000);
        PlainSql.run(db, "UPDATE " + tenant.schemaName() + ".ticket_type SET sale_starts_at = now() + interval '3 days'"
                + " WHERE event_id = " + gala);
        catalog.event(harbour, SOLD_OUT, "Opera", at(day.plusDays(6), 19, 0, berlin), "SOLD_OUT", "EUR", "Stalls", 9900);
        catalog.eventOnSale(harbour, FAR_PERCENT, "Jazz", at(far, 20, 0, berlin), "EUR", "Standing", 2500);
        catalog.eventOnSale(harbour, FAR_THOUSAND, "Jazz", at(far.plusDays(1), 20, 0, berlin), "EUR", "Standing", 2500);
        catalog.eventOnSale(pearlId, FAR_DAWN, "Jazz", at(far.plusDays(2), 0, 30, shanghai), "CNY", "Seat", 9000);
    }

    private static OffsetDateTime at(LocalDate date, int hour, int minute, ZoneId zone) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(zone).toOffsetDateTime();
    }

    @Test
    void textFindsTitlesWhateverTheirCaseAndTakesWildcardsLiterally() throws Exception {
        assertThat(titles(page(shop + "?q=" + enc("ärzte")))).containsExactly(AERZTE);
        assertThat(titles(page(shop + "?q=" + enc("MIDNIGHT")))).containsExactly(LANTERNS);
        // From the database (two months ahead): LOWER(title) LIKE, with the % of the search taken as a character.
        String farDays = "&from=" + far.minusDays(5) + "&to=" + far.plusDays(5);
        assertThat(titles(page(shop + "?q=" + enc("übersee 100%") + farDays))).containsExactly(FAR_PERCENT);
        assertThat(titles(page(shop + "?q=" + enc("ÜBERSEE") + farDays))).containsExactly(FAR_PERCENT, FAR_THOUSAND);
        assertThat(titles(page(shop + "?q=" + enc("_") + farDays))).isEmpty();
    }

    @Test
    void daysAreEachEventsLocalDateInItsOwnZone() throws Exception {
        String html = page(shop + "?from=" + day + "&to=" + day);
        assertThat(titles(html)).containsExactly(LANTERNS, BAY);
        assertThat(html).contains("value=\"" + day + "\"");
        // the same rule from the database: 00:30 in Shanghai on the far day is still that day
        LocalDate dawn = far.plusDays(2);
        assertThat(titles(page(shop + "?from=" + dawn + "&to=" + dawn))).containsExactly(FAR_DAWN);
        assertThat(titles(page(shop + "?from=" + far + "&to=" + far.plusDays(1)))).containsExactly(FAR_PERCENT, FAR_THOUSAND);
        // an open end: everything from the day on, soonest first
        // 00:30 in Shanghai on far + 2 comes before 20:00 in Hamburg on far + 1
        assertThat(titles(page(shop + "?from=" + far.plusDays(1)))).containsExactly(FAR_DAWN, FAR_THOUSAND);
    }

    @Test
    void venueAndCategoryNarrowTheListingAndStaySelected() throws Exception {
        String pearl = page(shop + "?venue=" + pearlId);
        assertThat(titles(pearl)).containsExactly(LANTERNS, MORNING_AFTER, GALA, FAR_DAWN);
        assertThat(count(pearl, "selected=\"selected\"")).as("one option chosen").isEqualTo(1);
        assertThat(pearl).containsPattern("<option value=\"" + pearlId + "\" selected=\"selected\">Pearl Stage, Shanghai</option>");

        String opera = page(shop + "?category=opera");
        assertThat(titles(opera)).containsExactly(GALA, SOLD_OUT);
        assertThat(opera).contains("<option value=\"Opera\" selected=\"selected\">Opera</option>");
        // the venues and categories offered are those of upcoming events
        assertThat(opera).contains(">Bay Club, San Francisco</option>").contains(">Harbour Hall, Hamburg</option>")
                .contains("<option value=\"Jazz\">").contains("<option value=\"Rock\">");
        assertThat(titles(page(shop + "?category=Jazz&venue=" + pearlId + "&to=" + day.plusDays(1))))
                .containsExactly(LANTERNS, MORNING_AFTER);
    }

    @Test
    void rowsSayOnSaleFromSoldOutAndThePrice() throws Exception {
        String html = page(shop + "?category=Opera");
        String gala = row(html, GALA);
        assertThat(gala).contains("from CN¥680.00").contains("On sale from ");
        assertThat(row(html, SOLD_OUT)).contains("Sold out").doesNotContain("On sale from");
        assertThat(row(page(shop + "?q=" + enc("ärzte")), AERZTE)).contains("from €45.00").doesNotContain("On sale from");
    }

    @Test
    void twentyAPageWithTheFiltersKeptFromPageToPage() throws Exception {
        String first = page(shop + "?category=Rock");
        assertThat(titles(first)).hasSize(20).allMatch(t -> t.startsWith("Harbour Session") || t.equals(AERZTE));
        assertThat(first).contains("Page 1").doesNotContain("id=\"previous-page\"")
                .contains("href=\"/" + shop + "?category=Rock&amp;page=2\"");
        String second = page(shop + "?category=Rock&page=2");
        assertThat(titles(second)).hasSize(FILLERS + 1 - 20).doesNotContainAnyElementsOf(titles(first));
        assertThat(second).contains("Page 2").doesNotContain("id=\"next-page\"")
                .contains("href=\"/" + shop + "?category=Rock\"");

        List<String> all = new ArrayList<>(titles(page(shop)));
        all.addAll(titles(page(shop + "?page=2")));
        assertThat(all).hasSize(FILLERS + 10).doesNotHaveDuplicates()
                .as("soonest first, by the moment: the day's 00:30 in Shanghai is the eve's afternoon in UTC")
                .startsWith(LANTERNS, EVE, MORNING_AFTER, BAY);

        String past = page(shop + "?page=7");
        assertThat(titles(past)).isEmpty();
        assertThat(past).contains("There are no more events on this page.").contains("Go to the first page");
    }

    @Test
    void noMatchOffersToClearTheFiltersAndAnEmptyShopSaysSo() throws Exception {
        String none = page(shop + "?q=zzzz&category=Jazz");
        assertThat(titles(none)).isEmpty();
        assertThat(none).contains("No events match your filters.").contains("href=\"/" + shop + "\">Clear filters</a>")
                .doesNotContain("No events are on sale right now");

        String empty = page(emptyShop);
        assertThat(empty).contains("No events are on sale right now").doesNotContain("id=\"listing-search\"")
                .doesNotContain("No events match");
        assertThat(page(emptyShop + "?q=anything")).contains("No events are on sale right now").doesNotContain("No events match");
    }

    @Test
    void badParametersAreSaidAndTheRestStillApplies() throws Exception {
        String bad = page(shop + "?from=notadate&to=2030-02-30&page=0&category=Rock&q=" + "x".repeat(101));
        assertThat(bad).contains("“notadate” is not a date, so the “From” date was left out.")
                .contains("“2030-02-30” is not a date, so the “To” date was left out.")
                .contains("There is no page “0”: pages are numbered from 1 to 501. Showing page 1.")
                .contains("Search text can be at most 100 characters long, so it was left out.")
                .doesNotContain("Exception");
        assertThat(titles(bad)).as("the category still applies").hasSize(20).allMatch(t -> t.startsWith("Harbour Session") || t.equals(AERZTE));

        String reversed = page(shop + "?from=" + day.plusDays(5) + "&to=" + day);
        assertThat(reversed).contains("The “To” date is before the “From” date, so it was left out.");
        assertThat(titles(reversed)).startsWith(GALA).doesNotContain(LANTERNS, BAY, AERZTE);

        assertThat(page(shop + "?page=abc")).contains("There is no page “abc”");
        assertThat(page(shop + "?venue=abc")).contains("That venue has no upcoming events, so all venues are shown.");
        assertThat(page(shop + "?category=" + enc("<script>x</script>"))).contains("That category has no upcoming events")
                .doesNotContain("<script>x");
        String quoted = page(shop + "?from=" + enc("<b>" + "9".repeat(50)));
        assertThat(quoted).contains("“&lt;b&gt;" + "9".repeat(27) + "…”").doesNotContain("<b>9");
    }

    @Test
    void theShopsOwnHostSearchesAndPagesWithoutAPathPrefix() throws Exception {
        HttpResponse<String> found = get("?q=" + enc("ärzte"), host, null, "en");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(titles(found.body())).containsExactly(AERZTE);
        assertThat(found.body()).contains("action=\"/\"");
        HttpResponse<String> rock = get("?category=Rock", host, null, "en");
        assertThat(rock.body()).contains("href=\"/?category=Rock&amp;page=2\"").doesNotContain("/t/");
    }

    @Test
    void theJsonApiSearchesAndPagesToo() throws Exception {
        String one = json(shop + "api/events?q=" + enc("ärzte")).body();
        assertThat(one).contains(AERZTE).doesNotContain("Harbour Session");
        String second = json(shop + "api/events?category=Rock&limit=20&page=2").body();
        assertThat(Pattern.compile("\"title\":").matcher(second).results().count()).isEqualTo(FILLERS + 1 - 20);
        HttpResponse<String> tooLong = json(shop + "api/events?q=" + "x".repeat(101));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"field\":\"q\"");
        assertThat(json(shop + "api/events?page=0").body()).contains("\"field\":\"page\"");
        assertThat(json(shop + "api/events?page=9999999999&limit=200").body()).contains("\"field\":\"page\"");
        assertThat(json(shop + "api/events?page=51&limit=200").body()).as("10,000 deep at most").isEqualTo("{\"events\":[]}");
        assertThat(json(shop + "api/events?page=52&limit=200").body()).contains("\"field\":\"page\"");
        assertThat(json(shop + "api/events?limit=-4294967246").body()).as("not wrapped to 50").contains("\"field\":\"limit\"");
        assertThat(json(shop + "api/events?lang=de").statusCode()).as("no language switch in the API").isEqualTo(200);
    }

    @Test
    void aChosenLanguageIsACookieThatBeatsAcceptLanguage() throws Exception {
        HttpResponse<String> choose = get(shop + "?lang=zh-CN&q=" + enc("ärzte"), null, null, "de");
        assertThat(choose.statusCode()).isEqualTo(303);
        assertThat(choose.headers().firstValue("Location")).hasValue("/" + shop + "?q=" + enc("ärzte"));
        String cookie = choose.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("lang=zh-CN;").contains("Max-Age=31536000").contains("Path=/").contains("HttpOnly")
                .contains("SameSite=Lax");

        String chinese = get(shop + "?q=" + enc("ärzte"), null, "lang=zh-CN", "de").body();
        assertThat(chinese).contains("<html lang=\"zh-CN\"").contains("近期活动").contains("标题包含")
                .containsPattern("<a href=\"[^\"]*lang=zh-CN\" lang=\"zh-CN\" hreflang=\"zh-CN\" aria-current=\"true\">中文</a>")
                .containsPattern("<a href=\"[^\"]*lang=de\" lang=\"de\" hreflang=\"de\">Deutsch</a>");
        assertThat(get(shop, null, null, "de").body()).as("without the cookie, Accept-Language").contains("<html lang=\"de\"");
        assertThat(get(shop, null, "lang=fr", "de").body()).as("a cookie of no shop language is ignored").contains("<html lang=\"de\"");

        HttpResponse<String> unknown = get(shop + "?lang=fr", null, null, "de");
        assertThat(unknown.statusCode()).isEqualTo(303);
        assertThat(unknown.headers().firstValue("Set-Cookie")).isEmpty();

        // on the shop's own host, and on the event page
        HttpResponse<String> byHost = get("?lang=de", host, null, "en");
        assertThat(byHost.headers().firstValue("Location")).hasValue("/");
        assertThat(byHost.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("lang=de;"));
        assertThat(get("", host, "lang=de", "zh-CN").body()).contains("<html lang=\"de\"").contains("Kommende Veranstaltungen");
        String eventPath = href(page(shop + "?q=" + enc("ärzte")), AERZTE);
        assertThat(get(eventPath.substring(1), null, "lang=de", "en").body()).contains("<html lang=\"de\"")
                .containsPattern("href=\"" + Pattern.quote(eventPath) + "\\?lang=en\"");
        assertThat(get("//evil.test/?lang=de", null, null, "en").headers().firstValue("Location").orElse("/"))
                .as("no way off the host").doesNotStartWith("//");
    }

    @Test
    void aGermanBrowserSwitchesToChineseAndItSticksAcrossPages() {
        WebDriver browser = Chromium.start("de");
        try {
            browser.get(base + shop);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kommende Veranstaltungen");
            assertThat(current(browser)).isEqualTo("Deutsch");

            Chromium.clickAndLoad(browser, By.cssSelector(".languages a[hreflang='zh-CN']"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("近期活动");
            assertThat(browser.getCurrentUrl()).doesNotContain("lang=");
            assertThat(current(browser)).isEqualTo("中文");

            browser.findElement(By.id("q")).sendKeys("ärzte");
            Chromium.clickAndLoad(browser, By.id("search"));
            assertThat(browser.findElements(By.cssSelector(".event .title"))).extracting(WebElement::getText).containsExactly(AERZTE);
            assertThat(browser.findElement(By.cssSelector("label[for='q']")).getText()).isEqualTo("标题包含");

            Chromium.clickAndLoad(browser, By.linkText(AERZTE));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(browser.getTitle()).isEqualTo(AERZTE + " 门票 – Three Cities Live");
            Chromium.clickAndLoad(browser, By.cssSelector(".back a"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("近期活动");

            Chromium.clickAndLoad(browser, By.cssSelector(".languages a[hreflang='en']"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Upcoming events");
            browser.get(base + shop + "?page=2");
            assertThat(browser.findElement(By.id("page-number")).getText()).isEqualTo("Page 2");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aBuyerFiltersPagesAndClearsInTheBrowserAtDesktopAndPhoneWidths() {
        WebDriver browser = Chromium.start("en");
        try {
            browser.get(base + shop);
            new Select(browser.findElement(By.id("category"))).selectByVisibleText("Rock");
            Chromium.clickAndLoad(browser, By.id("search"));
            assertThat(browser.getCurrentUrl()).contains("category=Rock");
            assertThat(browser.findElements(By.cssSelector(".event"))).hasSize(20);
            Chromium.clickAndLoad(browser, By.id("next-page"));
            assertThat(browser.findElement(By.id("page-number")).getText()).isEqualTo("Page 2");
            assertThat(browser.findElements(By.cssSelector(".event"))).hasSize(FILLERS + 1 - 20);
            assertThat(new Select(browser.findElement(By.id("category"))).getFirstSelectedOption().getText()).isEqualTo("Rock");
            Chromium.clickAndLoad(browser, By.id("previous-page"));
            assertThat(browser.findElement(By.id("page-number")).getText()).isEqualTo("Page 1");

            // a date as the date input gives it, and a venue: the day's two events by their local dates
            Chromium.clickAndLoad(browser, By.id("clear-filters"));
            setDate(browser, "from", day);
            setDate(browser, "to", day.plusDays(5));
            new Select(browser.findElement(By.id("venue"))).selectByVisibleText("Pearl Stage, Shanghai");
            Chromium.clickAndLoad(browser, By.id("search"));
            assertThat(browser.findElements(By.cssSelector(".event .title"))).extracting(WebElement::getText)
                    .containsExactly(LANTERNS, MORNING_AFTER, GALA);
            assertThat(browser.findElement(By.cssSelector(".event .not-yet")).getText()).startsWith("On sale from ");
            Chromium.screenshot(browser, "listing-filtered-1280");

            browser.manage().window().setSize(new Dimension(390, 844));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).intValue()).as("nothing wider than a phone").isLessThanOrEqualTo(0);
            Chromium.screenshot(browser, "listing-filtered-390");

            browser.findElement(By.id("q")).sendKeys("zzzz");
            Chromium.clickAndLoad(browser, By.id("search"));
            assertThat(browser.findElement(By.id("no-match")).getText()).startsWith("No events match your filters.");
            Chromium.clickAndLoad(browser, By.cssSelector("#no-match a"));
            assertThat(browser.findElements(By.cssSelector(".event"))).hasSize(20);
            assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static void setDate(WebDriver browser, String id, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)),
                date.toString());
    }

    private static String current(WebDriver browser) {
        List<WebElement> marked = browser.findElements(By.cssSelector(".languages a[aria-current='true']"));
        assertThat(marked).hasSize(1);
        return marked.get(0).getText();
    }

    private String page(String path) throws Exception {
        HttpResponse<String> response = get(path, null, null, "en");
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).doesNotContain("Exception").doesNotContain("at io.");
        return response.body();
    }

    private HttpResponse<String> json(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String hostHeader, String cookie, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Accept-Language", language);
        if (hostHeader != null) {
            request.header("Host", hostHeader);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern TITLE = Pattern.compile("<h2 class=\"title\"><a href=\"([^\"]*)\">([^<]*)</a></h2>");

    /** The listed titles, in order, as a reader sees them. */
    private static List<String> titles(String html) {
        List<String> titles = new ArrayList<>();
        Matcher m = TITLE.matcher(html);
        while (m.find()) {
            titles.add(m.group(2).replace("&amp;", "&"));
        }
        return titles;
    }

    private static String href(String html, String title) {
        Matcher m = TITLE.matcher(html);
        while (m.find()) {
            if (m.group(2).equals(title)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + title);
    }

    /** The markup of one listed event. */
    private static String row(String html, String title) {
        int at = html.indexOf(">" + title + "</a>");
        assertThat(at).as(title).isPositive();
        int start = html.lastIndexOf("<li class=\"event\"", at);
        return html.substring(start, html.indexOf("</li>", at));
    }

    private static int count(String html, String what) {
        return html.split(Pattern.quote(what), -1).length - 1;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
