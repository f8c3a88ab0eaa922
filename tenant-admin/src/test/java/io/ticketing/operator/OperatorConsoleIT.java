package io.ticketing.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser: sign-in through the platform realm's own pages, then
 * onboard, suspend, reactivate and offboard a tenant with the page's forms. Runs its own node on a
 * known port, so the console's redirect address is exactly the one the realm allows.
 */
class OperatorConsoleIT {

    private static PayaraMicroNode node;
    private static String console;
    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        new TenantSchemas(SharedPostgres.dataSource()).migratePlatform();
        int httpPort = PayaraMicroNode.freePort();
        int hazelcastPort = PayaraMicroNode.freePort();
        Map<String, String> props = new LinkedHashMap<>(IdentityTestSettings.payaraSystemProperties());
        props.put("ticketing.platform.base-url", "http://127.0.0.1:" + httpPort);
        props.put("ticketing.db.url", SharedPostgres.jdbcUrl());
        props.put("ticketing.db.user", SharedPostgres.USER);
        props.put("ticketing.db.password", SharedPostgres.PASSWORD);
        node = PayaraMicroNode.start(new PayaraMicroNode.Options("console", Path.of(System.getProperty("payara.microJar")),
                List.of(Path.of(System.getProperty("ticketing.operator.war"))), httpPort, hazelcastPort,
                List.of(hazelcastPort), "console-" + ProcessHandle.current().pid(), props,
                Files.createTempDirectory("console-node"), "512m"));
        node.awaitReady(URI.create("http://127.0.0.1:" + httpPort + "/operator/api/health"), Duration.ofMinutes(3));
        console = "http://127.0.0.1:" + httpPort + "/operator/";
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.stop();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorRunsATenantsWholeLifeFromTheConsole() {
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // Chromium answers "node does not belong to the document" (or stale) while the page is being replaced: look again
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        signIn(wait, IdentityTestSettings.OPERATOR_EMAIL, IdentityTestSettings.OPERATOR_PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operator")));
        assertThat(browser.findElement(By.id("operator")).getText()).isEqualTo(IdentityTestSettings.OPERATOR_EMAIL);
        Axe.assertClean(browser, "console-desktop");
        Keyboard.assertFocusVisible(browser, "console-desktop");

        // A bad slug is refused with the field named; nothing is created.
        onboard("Bad Slug!", "Bad", "boss@bad.test");
        // Waits for the answer's text, not just for a #messages element: the page before it has one too.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "slug:"));
        Axe.assertClean(browser, "console-refused");

        String slug = "console-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        onboard(slug, "Console Org", "boss@" + slug + ".test");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Tenant '" + slug + "' is ACTIVE."));
        assertThat(browser.findElement(By.id("initial-password")).getText()).hasSizeGreaterThan(10);
        Axe.assertClean(browser, "console-onboarded-desktop");
        Keyboard.assertFocusVisible(browser, "console-onboarded-desktop");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        Axe.assertClean(browser, "console-onboarded-390");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        assertThat(status(slug)).isEqualTo("ACTIVE");

        row(slug).findElement(By.cssSelector(".suspend")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "SUSPENDED"));
        assertThat(status(slug)).isEqualTo("SUSPENDED");
        row(slug).findElement(By.cssSelector(".reactivate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "is ACTIVE"));

        row(slug).findElement(By.cssSelector(".offboard")).click(); // without confirmation: refused
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "confirm"));
        assertThat(status(slug)).isEqualTo("ACTIVE");
        row(slug).findElement(By.cssSelector(".confirm")).sendKeys(slug);
        row(slug).findElement(By.cssSelector(".offboard")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "offboarded"));
        assertThat(browser.findElement(By.id("export-link")).getAttribute("href")).contains("/operator/api/exports/");
        Axe.assertClean(browser, "console-offboarded");
        assertThat(browser.findElements(By.cssSelector("tr[data-slug='" + slug + "']"))).isEmpty();
    }

    @Test
    void someoneWithoutTheOperatorRoleIsTurnedAway() {
        try (Keycloak admin = KeycloakUsers.admin()) {
            KeycloakUsers.ensure(admin, "platform", "bystander@platform.test", "bystander-pass-1");
        }
        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // Chromium answers "node does not belong to the document" (or stale) while the page is being replaced: look again
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        signIn(wait, "bystander@platform.test", "bystander-pass-1");
        wait.until(ExpectedConditions.titleIs("Operators only"));
        assertThat(browser.getPageSource()).contains("bystander@platform.test is not a platform operator");
        Axe.assertClean(browser, "operators-only");
        // Keycloak still knows them, so coming back signs them in at once: and turns them away again.
        browser.get(console);
        wait.until(ExpectedConditions.titleIs("Operators only"));
        assertThat(browser.findElements(By.id("operator"))).isEmpty();
    }

    private void signIn(WebDriverWait wait, String email, String password) {
        browser.get(console);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    private void onboard(String slug, String name, String adminEmail) {
        browser.findElement(By.id("onboard:slug")).clear();
        browser.findElement(By.id("onboard:slug")).sendKeys(slug);
        browser.findElement(By.id("onboard:name")).clear();
        browser.findElement(By.id("onboard:name")).sendKeys(name);
        browser.findElement(By.id("onboard:adminEmail")).clear();
        browser.findElement(By.id("onboard:adminEmail")).sendKeys(adminEmail);
        browser.findElement(By.id("onboard:submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("messages")));
    }

    private WebElement row(String slug) {
        return browser.findElement(By.cssSelector("tr[data-slug='" + slug + "']"));
    }

    private String status(String slug) {
        return row(slug).findElement(By.cssSelector(".status")).getText();
    }
}
