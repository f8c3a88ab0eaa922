package io.ticketing.platform.testsupport;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;

/** Debian's Chromium through its own ChromeDriver: nothing is downloaded, root is fine. */
public final class Chromium {

    private Chromium() {
    }

    public static WebDriver start() {
        return start(null);
    }

    /** A browser whose reader prefers {@code language} (e.g. {@code de}, {@code zh-CN}), or Chromium's default for null. */
    public static WebDriver start(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-extensions", "--disable-sync", "--disable-default-apps", "--window-size=1280,800");
        if (language != null) {
            options.addArguments("--lang=" + language);
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png}, for a person to look at. */
    public static void screenshot(org.openqa.selenium.WebDriver browser, String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(dir.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * True once {@code element} has left the page. Chromium answers a node of a replaced document either as stale or
     * as "node does not belong to the document" (an unknown error), depending on timing; both mean gone.
     */
    public static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> gone(org.openqa.selenium.WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return true;
            }
        };
    }

    /** Clicks what leads to another page and waits until the browser has left this one (no stale reads after). */
    public static void clickAndLoad(WebDriver browser, org.openqa.selenium.By target) {
        org.openqa.selenium.WebElement page = browser.findElement(org.openqa.selenium.By.tagName("html"));
        browser.findElement(target).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20)).until(gone(page));
    }
}
