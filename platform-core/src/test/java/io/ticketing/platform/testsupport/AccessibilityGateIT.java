package io.ticketing.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deque.html.axecore.results.Rule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/**
 * The accessibility gates are real: on a page with an image without a text alternative and grey
 * text on grey, {@link Axe#assertClean} fails and names both; the same page done right passes;
 * a page with only moderate findings passes with them reported. {@link Keyboard#assertFocusVisible}
 * fails on a link whose focus ring was taken away and on focused text that no longer reads.
 */
class AccessibilityGateIT {

    private static WebDriver browser;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aMissingAltTextAndLowContrastFailTheGateWithRuleAndElementNamed() throws Exception {
        browser.get(page("""
                <!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
                <h1>Tickets</h1>
                <img id="poster" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
                <p id="faint" style="color:#aaaaaa;background:#bbbbbb">Only 3 left</p>
                </main></body></html>"""));

        Axe.Report report = Axe.check(browser, "axe-gate-broken");
        assertThat(report.blocking()).extracting(Rule::getId).contains("image-alt", "color-contrast");
        assertThat(report.clean()).isFalse();
        assertThatThrownBy(() -> Axe.assertClean(browser, "axe-gate-broken"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt [critical]").hasMessageContaining("#poster")
                .hasMessageContaining("color-contrast [serious]").hasMessageContaining("#faint");
        assertThat(Files.readString(Path.of("target", "axe", "axe-gate-broken.json"))).contains("\"image-alt\"");
    }

    @Test
    void theSamePageDoneRightPasses() {
        browser.get(page("""
                <!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body><main>
                <h1>Tickets</h1>
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40" alt="Poster of the gala">
                <p style="color:#1d1d1f;background:#ffffff">Only 3 left</p>
                </main></body></html>"""));

        Axe.assertClean(browser, "axe-gate-fine");
        assertThat(Axe.check(browser, "axe-gate-fine").blocking()).isEmpty();
    }

    @Test
    void moderateFindingsAreReportedButDoNotFail() {
        // No h1 and text outside any landmark: moderate best-practice findings only.
        browser.get(page("""
                <!DOCTYPE html><html lang="en"><head><title>Plain</title></head><body>
                <p>Doors open at seven.</p>
                </body></html>"""));

        Axe.Report report = Axe.check(browser, "axe-gate-moderate");
        assertThat(report.reported()).extracting(Rule::getId).contains("page-has-heading-one");
        assertThat(report.blocking()).isEmpty();
        Axe.assertClean(browser, "axe-gate-moderate");
    }

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void aFocusRingTakenAwayOrUnreadableFocusedTextFailTheKeyboardCheck() {
        browser.get(page("""
                <!DOCTYPE html><html lang="en"><head><title>Focus</title><style>
                a { color: #1d1d1f; } a:focus { outline: none; }
                #pale:focus-visible { background: #ffdd00; color: #ffffff; }
                </style></head><body><main><h1>Focus</h1>
                <p><a id="bare" href="#a">No ring</a> <a id="pale" href="#b">White on yellow</a></p>
                </main></body></html>"""));

        assertThatThrownBy(() -> Keyboard.assertFocusVisible(browser, "keyboard-gate-broken"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("#bare: no visible focus indicator")
                .hasMessageContaining("#pale: focused text rgb(255, 255, 255) on rgb(255, 221, 0)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("#pale: no visible"));
    }

    @Test
    void aVisibleReadableFocusPassesTheKeyboardCheckInTabOrder() {
        browser.get(page("""
                <!DOCTYPE html><html lang="en"><head><title>Focus</title><style>
                a:focus-visible { background: #ffdd00; color: #0b0c0c; outline: 3px solid transparent; }
                input:focus-visible { outline: 3px solid #ffdd00; }
                </style></head><body><main><h1>Focus</h1>
                <p><a id="one" href="#a">One</a> <label>Two <input id="two"></label> <a id="three" href="#c">Three</a></p>
                </main></body></html>"""));

        assertThat(Keyboard.assertFocusVisible(browser, "keyboard-gate-fine")).extracting(Keyboard.Stop::name)
                .containsExactly("#one", "#two", "#three");
    }
}
