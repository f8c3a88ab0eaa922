package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.SharedPostgres;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Buyers and staff sign in to their own shop through its own realm, on real Keycloak pages in a
 * real browser; and a session or token of one shop is nobody in another shop.
 */
@ExtendWith(ArquillianExtension.class)
class StorefrontLoginIT {

    @ArquillianResource
    URL base;

    private RealmFixtures fixtures;
    private WebDriver browser;
    /** HTTP/1.1: a forged Host header only means something there (HTTP/2 sends :authority). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeEach
    void start() {
        fixtures = new RealmFixtures();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        fixtures.close();
    }

    @Test
    void aBuyerRegistersInTheShopsRealmAndTheSessionCountsOnlyThere() throws Exception {
        var a = fixtures.tenant("buy-a", base.toString());
        var b = fixtures.tenant("buy-b", base.toString());
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(shop(a.tenant().slug().value()));
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/realms/" + a.realm() + "/"));
        assertThat(browser.getPageSource()).contains(a.tenant().displayName());
        browser.findElement(By.cssSelector("#kc-registration a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password-confirm")));
        browser.findElement(By.id("email")).sendKeys("new.buyer@example.test");
        browser.findElement(By.id("firstName")).sendKeys("New");
        browser.findElement(By.id("lastName")).sendKeys("Buyer");
        browser.findElement(By.id("password")).sendKeys("buyer-pass-1");
        browser.findElement(By.id("password-confirm")).sendKeys("buyer-pass-1");
        browser.findElement(By.cssSelector("[type=submit]")).click();

        wait.until(ExpectedConditions.urlContains("/t/" + a.tenant().slug() + "/account/profile.xhtml"));
        assertThat(browser.findElement(By.id("profile-email")).getText()).isEqualTo("new.buyer@example.test");
        assertThat(browser.findElement(By.id("profile-roles")).getText()).contains("customer").doesNotContain("organizer");
        Axe.assertClean(browser, "profile");
        Keyboard.assertFocusVisible(browser, "profile");

        // The same browser in shop B: not signed in there, sent to B's own realm.
        browser.get(shop(b.tenant().slug().value()) + "account/profile.xhtml");
        wait.until(ExpectedConditions.urlContains("/realms/" + b.realm() + "/"));

        // Back in shop A it is still signed in; signing out ends it.
        browser.get(shop(a.tenant().slug().value()) + "account/profile.xhtml");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-email")));
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        browser.get(shop(a.tenant().slug().value()) + "account/profile.xhtml");
        wait.until(ExpectedConditions.urlContains("/realms/" + a.realm() + "/"));
    }

    @Test
    void staffReachTheBackOfficeAndBuyersDoNot() throws Exception {
        var shop = fixtures.tenant("staff", base.toString());
        fixtures.user(shop, "staff@shop.test", "staff-pass-1", "organizer-staff");
        fixtures.user(shop, "buyer@shop.test", "buyer-pass-1");
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        signIn(wait, shop(shop.tenant().slug().value()) + "manage/index.xhtml", "staff@shop.test", "staff-pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("back-office-title")));
        assertThat(browser.findElement(By.id("back-office")).isDisplayed()).isTrue();
        Axe.assertClean(browser, "back-office");
        Keyboard.assertFocusVisible(browser, "back-office");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));

        signIn(wait, shop(shop.tenant().slug().value()) + "manage/index.xhtml", "buyer@shop.test", "buyer-pass-1");
        wait.until(ExpectedConditions.titleIs("Not for your role"));
        assertThat(browser.getPageSource()).contains("buyer@shop.test").doesNotContain("back-office-title");
        Axe.assertClean(browser, "staff-only");
    }

    @Test
    void financeSeesTheFinancePagesButNotCheckInAndStaffNotTheFinancePages() throws Exception {
        var shop = fixtures.tenant("fin", base.toString());
        CatalogFixtures catalog = new CatalogFixtures(SharedPostgres.dataSource(), shop.tenant());
        long hall = catalog.venue("Hall", "Town", "DE", ZoneId.of("Europe/Berlin"));
        catalog.eventOnSale(hall, "Gala", "Classical", OffsetDateTime.now().plusDays(3), "EUR", "Stalls", 5000, "Balcony", 2000);
        fixtures.user(shop, "money@shop.test", "money-pass-1", "finance");
        fixtures.user(shop, "crew@shop.test", "crew-pass-1", "organizer-staff");
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        signIn(wait, shop(shop.tenant().slug().value()) + "manage/finance/index.xhtml", "money@shop.test", "money-pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finance-title")));
        // Two ticket types of 500 seats each: 500 x 50.00 + 500 x 20.00
        assertThat(browser.findElement(By.cssSelector("#capacity .gross")).getText()).isEqualTo("€35,000.00");
        Axe.assertClean(browser, "finance-desktop");
        Keyboard.assertFocusVisible(browser, "finance-desktop");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Axe.assertClean(browser, "finance-390");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        browser.get(shop(shop.tenant().slug().value()) + "manage/checkin.xhtml");
        wait.until(ExpectedConditions.titleIs("Not for your role"));
        browser.get(shop(shop.tenant().slug().value()) + "signout");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));

        signIn(wait, shop(shop.tenant().slug().value()) + "manage/finance/index.xhtml", "crew@shop.test", "crew-pass-1");
        wait.until(ExpectedConditions.titleIs("Not for your role"));
        assertThat(browser.getPageSource()).contains("for organizer admins and the finance team").contains("crew@shop.test (organizer-staff)");
    }

    @Test
    void staffWhoLoseTheirRoleOrTheirAccountAreOutOnceTheirAccessTokenRunsOut() throws Exception {
        var shop = fixtures.tenant("gone", base.toString());
        fixtures.accessTokenLifespan(shop, 5);
        fixtures.user(shop, "demoted@shop.test", "staff-pass-1", "organizer-staff");
        fixtures.user(shop, "removed@shop.test", "staff-pass-1", "organizer-staff");
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String backOffice = shop(shop.tenant().slug().value()) + "manage/index.xhtml";

        signIn(wait, backOffice, "demoted@shop.test", "staff-pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("back-office-title")));
        fixtures.removeRole(shop, "demoted@shop.test", "organizer-staff");
        Thread.sleep(6_000); // one access-token lifetime: the session's roles are asked for again
        browser.get(backOffice);
        wait.until(ExpectedConditions.titleIs("Not for your role"));
        assertThat(browser.getPageSource()).contains("demoted@shop.test").doesNotContain("back-office-title");
        browser.get(shop(shop.tenant().slug().value()) + "signout");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));

        signIn(wait, backOffice, "removed@shop.test", "staff-pass-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("back-office-title")));
        fixtures.disable(shop, "removed@shop.test");
        Thread.sleep(6_000);
        browser.get(backOffice);
        wait.until(ExpectedConditions.urlContains("/realms/" + shop.realm() + "/"));
        assertThat(browser.getPageSource()).doesNotContain("back-office-title");
    }

    @Test
    void bearerTokensWorkOnlyInTheirOwnShop() throws Exception {
        var a = fixtures.tenant("tok-a", base.toString());
        var b = fixtures.tenant("tok-b", base.toString(), "tok-b-" + System.nanoTime() + ".tickets.test");
        fixtures.user(a, "api@a.test", "api-pass-1", "organizer-admin");
        String tokenOfA = fixtures.token(a, "api@a.test", "api-pass-1");

        HttpResponse<String> own = api(shop(a.tenant().slug().value()) + "api/me", null, tokenOfA);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("\"tenant\":\"" + a.tenant().slug() + "\"").contains("organizer-admin");

        assertThat(api(shop(b.tenant().slug().value()) + "api/me", null, tokenOfA).statusCode()).isEqualTo(401);
        var forged = api(base + "api/me", b.tenant().hosts().get(0), tokenOfA);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
        assertThat(api(shop(a.tenant().slug().value()) + "api/me", null, "garbage").statusCode()).isEqualTo(401);
        // A platform operator's token is for /operator only.
        assertThat(api(shop(a.tenant().slug().value()) + "api/me", null, fixtures.operatorToken()).statusCode()).isEqualTo(401);
        assertThat(api(shop(a.tenant().slug().value()) + "api/me", null, null).statusCode()).isEqualTo(401);
    }

    private void signIn(WebDriverWait wait, String protectedPage, String email, String password) {
        browser.get(protectedPage);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    private String shop(String slug) {
        return base + "t/" + slug + "/";
    }

    private HttpResponse<String> api(String url, String host, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (host != null) {
            request.header("Host", host);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
