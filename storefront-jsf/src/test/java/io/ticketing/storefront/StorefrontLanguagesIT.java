package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The shop speaks the reader's language: Faces picks English, German or Simplified Chinese from the
 * browser's Accept-Language, and the listing's words, dates, times and prices follow, while event
 * times stay in the venue's time zone. Checked over HTTP and in Chromium set to German and Chinese.
 */
@ExtendWith(ArquillianExtension.class)
class StorefrontLanguagesIT {

    /** Thursday 14 March 2030, 19:30 in Shanghai (11:30 UTC); and Saturday 2 March 2030, 20:00 in Berlin. */
    private static final String GALA = "Lantern Gala";
    private static final String QUARTET = "Spree Quartet";

    @ArquillianResource
    URL base;

    private static String shop;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeAll
    static void tenant() {
        DataSource db = SharedPostgres.dataSource();
        TenantRegistry registry = new TenantRegistry(db);
        String slug = "lantern-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        Tenant lantern = new TenantProvisioning(registry, new TenantSchemas(db)).provision(
                new NewTenant(new TenantSlug(slug), "Lantern Stage", List.of(), new Branding(null, "#8a1c1c", null)));
        CatalogFixtures catalog = new CatalogFixtures(db, lantern);
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        long theatre = catalog.venue("Lantern Theatre", "Shanghai", "CN", shanghai);
        long hall = catalog.venue("Spree Hall", "Berlin", "DE", berlin);
        catalog.eventOnSale(hall, QUARTET, "Classical",
                LocalDateTime.of(2030, 3, 2, 20, 0).atZone(berlin).toOffsetDateTime(), "EUR", "Stalls", 4500);
        catalog.eventOnSale(theatre, GALA, "Gala",
                LocalDateTime.of(2030, 3, 14, 19, 30).atZone(shanghai).toOffsetDateTime(), "CNY", "Stalls", 128000);
        shop = "t/" + slug + "/";
    }

    @Test
    void acceptLanguageGermanGivesAGermanListing() throws Exception {
        String page = listing("de-DE,de;q=0.9,en;q=0.5");
        assertThat(page).contains("<html lang=\"de\"").contains("<title>Lantern Stage – Tickets</title>")
                .contains("Kommende Veranstaltungen").contains("Zum Hauptinhalt springen")
                .contains("Ticketverkauf durch Lantern Stage").contains("Anmelden oder registrieren").doesNotContain("Upcoming events")
                // German amounts: comma decimals, point thousands, the symbol after a no-break space
                .contains("ab 1.280,00\u00a0CN¥").contains("ab 45,00\u00a0€")
                // German dates, and times in the venue's own zone (19:30 in Shanghai is 11:30 UTC)
                .contains("Do., 14. März 2030").contains("19:30 Uhr").contains("Sa., 2. März 2030").contains("20:00 Uhr")
                .contains("datetime=\"2030-03-14T19:30+08:00\"");
        assertThat(listing("de-AT")).as("a regional German finds German").contains("<html lang=\"de\"");
    }

    @Test
    void acceptLanguageSimplifiedChineseGivesAChineseListing() throws Exception {
        String page = listing("zh-CN,zh;q=0.9");
        assertThat(page).contains("<html lang=\"zh-CN\"").contains("<title>Lantern Stage – 购票</title>")
                .contains("近期活动").contains("跳到主要内容").contains("登录或注册").doesNotContain("Upcoming events")
                // the yuan is plain ¥ to a reader in China, CN¥ elsewhere
                .contains("¥1,280.00 起").doesNotContain("CN¥").contains("€45.00 起")
                .contains("2030年3月14日 周四").contains("19:30").contains("2030年3月2日 周六")
                .contains("Lantern Theatre，Shanghai");
    }

    @Test
    void otherLanguagesGetEnglish() throws Exception {
        for (String languages : List.of("en-US,en;q=0.9", "fr-FR,fr;q=0.9", "zh-TW", "")) {
            String page = listing(languages);
            assertThat(page).as(languages).contains("<html lang=\"en\"").contains("Upcoming events")
                    .contains("from CN¥1,280.00").contains("from €45.00")
                    .contains("Thu 14 Mar 2030").contains("19:30").contains("Tickets sold by Lantern Stage")
                    .doesNotContain("近期活动").doesNotContain("Kommende");
        }
    }

    @Test
    void chromiumSetToGermanShowsTheShopInGerman() {
        WebDriver browser = chromium("de");
        try {
            browser.get(base + shop);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(browser.getTitle()).isEqualTo("Lantern Stage – Tickets");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Kommende Veranstaltungen");
            WebElement gala = event(browser, GALA);
            assertThat(gala.findElement(By.className("date")).getText()).isEqualTo("Do., 14. März 2030");
            assertThat(gala.findElement(By.className("time")).getText()).isEqualTo("19:30 Uhr");
            assertThat(text(gala.findElement(By.className("from")))).isEqualTo("ab 1.280,00 CN¥");
            assertThat(text(event(browser, QUARTET).findElement(By.className("from")))).isEqualTo("ab 45,00 €");
            assertThat(browser.findElement(By.id("sign-in")).getText()).isEqualTo("Anmelden oder registrieren");
            Axe.assertClean(browser, "listing-de");

            // the event page in German, the time still in the venue's zone
            browser.findElement(By.linkText(GALA)).click();
            assertThat(browser.getTitle()).isEqualTo("Tickets für " + GALA + " – Lantern Stage");
            assertThat(browser.findElement(By.cssSelector(".event-page .time")).getText()).isEqualTo("19:30 Uhr");
            assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Eintrittskarten");
            assertThat(text(browser.findElement(By.cssSelector(".offer .price")))).isEqualTo("1.280,00 CN¥");
            assertThat(browser.findElement(By.cssSelector(".offer .limit")).getText()).isEqualTo("Bis zu 10 pro Bestellung");
            assertThat(browser.findElement(By.cssSelector(".offer .selling")).getText()).isEqualTo("Im Verkauf");
            Chromium.screenshot(browser, "event-page-de");
            Axe.assertClean(browser, "event-page-de");
        } finally {
            browser.quit();
        }
    }

    @Test
    void chromiumSetToChineseShowsTheShopInChinese() {
        WebDriver browser = chromium("zh-CN");
        try {
            browser.get(base + shop);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("近期活动");
            WebElement gala = event(browser, GALA);
            assertThat(gala.findElement(By.className("date")).getText()).isEqualTo("2030年3月14日 周四");
            assertThat(gala.findElement(By.className("time")).getText()).isEqualTo("19:30");
            assertThat(text(gala.findElement(By.className("from")))).isEqualTo("¥1,280.00 起");
            assertThat(browser.findElement(By.className("shop-footer")).getText()).isEqualTo("门票由 Lantern Stage 销售");
            Axe.assertClean(browser, "listing-zh-CN");

            browser.findElement(By.linkText(GALA)).click();
            assertThat(browser.getTitle()).isEqualTo(GALA + " 门票 – Lantern Stage");
            assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("门票");
            assertThat(text(browser.findElement(By.cssSelector(".offer .price")))).isEqualTo("¥1,280.00");
            assertThat(browser.findElement(By.cssSelector(".offer .limit")).getText()).isEqualTo("每笔订单最多 10 张");
            assertThat(browser.findElement(By.cssSelector(".offer .selling")).getText()).isEqualTo("在售");
            Chromium.screenshot(browser, "event-page-zh-CN");
            Axe.assertClean(browser, "event-page-zh-CN");
        } finally {
            browser.quit();
        }
    }

    private String listing(String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + shop)).header("Accept", "text/html");
        if (!acceptLanguage.isEmpty()) {
            request.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static WebElement event(WebDriver browser, String title) {
        return browser.findElements(By.cssSelector(".event")).stream()
                .filter(e -> e.findElement(By.className("title")).getText().equals(title)).findFirst().orElseThrow();
    }

    /** The text as read, no-break spaces as plain ones. */
    private static String text(WebElement element) {
        return element.getText().replace('\u00a0', ' ');
    }

    /** Debian's Chromium (as Chromium.start() runs it) asking for pages in the given language. */
    private static WebDriver chromium(String language) {
        return Chromium.start(language);
    }
}
