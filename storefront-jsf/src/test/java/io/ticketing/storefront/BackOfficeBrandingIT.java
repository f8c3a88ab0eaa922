package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The branding and payments pages of the back office on two real nodes: an admin uploads a logo that both nodes'
 * shop headers show, served for a year as immutable under its content hash (a new upload, a new address); fakes,
 * giants and SVG with script are refused in words; colour and custom CSS reach the shop's pages without their
 * dangerous parts; a host name added makes the shop answer on it; payment credentials are saved and never shown;
 * guest checkout changes the shop; staff and finance are refused pages and API; the other shop is untouched.
 */
class BackOfficeBrandingIT {

    private static final String PASSWORD = "brand-pass-1";
    private static final String ADMIN = "boss@brand.test";
    private static final String STAFF = "crew@brand.test";
    private static final String FINANCE = "money@brand.test";
    private static final String OTHER_ADMIN = "boss@other-brand.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static long ticketType;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        node1 = BackOfficeCluster.node1();
        node2 = BackOfficeCluster.node2();
        shop = fixtures.tenant("brand-a", BackOfficeCluster.address(node1));
        otherShop = fixtures.tenant("brand-b", BackOfficeCluster.address(node1));
        fixtures.user(shop, ADMIN, PASSWORD, "organizer-admin");
        fixtures.user(shop, STAFF, PASSWORD, "organizer-staff");
        fixtures.user(shop, FINANCE, PASSWORD, "finance");
        fixtures.user(otherShop, OTHER_ADMIN, PASSWORD, "organizer-admin");
        CatalogFixtures catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        long hall = catalog.venue("Markthalle", "Hamburg", "DE", ZoneId.of("Europe/Berlin"));
        long event = catalog.eventOnSale(hall, "Brand Night", "Concert", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10), "EUR",
                "Standing", 3000);
        ticketType = queryLong("SELECT id FROM " + shop.tenant().schemaName() + ".ticket_type WHERE event_id = " + event);
    }

    @AfterAll
    static void stop() {
        fixtures.close(); // the nodes are the run's (BackOfficeCluster)
    }

    // --- the logo

    @Test
    void anUploadedLogoShowsOnEveryNodeCachedForeverAndANewUploadIsANewAddress() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node1, shop, ADMIN, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            openBranding(browser, wait);
            Axe.assertClean(browser, "branding");
            Keyboard.assertFocusVisible(browser, "branding");

            byte[] first = png(160, 48, new Color(0x0b, 0x6e, 0x4f));
            upload(browser, wait, "logo.png", first);
            String sha = sha256(first);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-logo")));
            assertThat(browser.findElement(By.id("current-logo")).getAttribute("src")).endsWith("/brand/logo/" + sha);
            assertThat(browser.findElement(By.id("shop-logo")).getAttribute("src")).as("the back office header at once")
                    .endsWith("/brand/logo/" + sha);

            // every node's shop header names it, under the shop's own path
            String logoPath = "/t/" + slug(shop) + "/brand/logo/" + sha;
            for (PayaraMicroNode node : List.of(node1, node2)) {
                eventually(() -> get(ShopCalls.base(node, shop), null, null).body(), html -> html.contains("src=\"" + logoPath + "\""));
            }
            HttpResponse<byte[]> served = getBytes(node2, logoPath, null);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(first);
            assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/png");
            assertThat(served.headers().firstValue("Cache-Control").orElseThrow())
                    .contains("public").contains("max-age=31536000").contains("immutable");
            assertThat(served.headers().firstValue("ETag").orElseThrow()).isEqualTo("\"" + sha + "\"");
            assertThat(getBytes(node1, logoPath, "\"" + sha + "\"").statusCode()).as("a cached copy is still good").isEqualTo(304);
            assertThat(getBytes(node1, "/t/" + slug(otherShop) + "/brand/logo/" + sha, null).statusCode())
                    .as("another shop never serves this shop's logo").isEqualTo(404);

            // refusals in words, next to the field; the logo stays as it was
            upload(browser, wait, "fake.png", "this is text, not a picture".getBytes(StandardCharsets.UTF_8));
            assertThat(fieldError(browser, wait, "logo:logoFile-error")).contains("not a PNG, JPEG or WebP");
            byte[] oversize = new byte[600 * 1024];
            System.arraycopy(first, 0, oversize, 0, first.length);
            upload(browser, wait, "huge.png", oversize);
            assertThat(fieldError(browser, wait, "logo:logoFile-error")).contains("600 KiB").contains("512 KiB");
            upload(browser, wait, "logo.svg", ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\">"
                    + "<script>alert(document.cookie)</script></svg>").getBytes(StandardCharsets.UTF_8));
            assertThat(fieldError(browser, wait, "logo:logoFile-error")).contains("SVG");
            assertThat(browser.findElement(By.id("logo:logoFile")).getAttribute("aria-invalid")).isEqualTo("true");
            Axe.assertClean(browser, "branding-logo-refused");
            assertThat(queryText("SELECT logo_sha256 FROM platform.tenant WHERE id = " + shop.tenant().id())).isEqualTo(sha);

            // a new upload is a new address; the old one is gone
            byte[] second = png(200, 60, new Color(0x8c, 0x1d, 0x18));
            upload(browser, wait, "logo2.png", second);
            String sha2 = sha256(second);
            wait.until(d -> d.findElement(By.id("current-logo")).getAttribute("src").endsWith(sha2));
            for (PayaraMicroNode node : List.of(node1, node2)) {
                eventually(() -> get(ShopCalls.base(node, shop), null, null).body(),
                        html -> html.contains("/brand/logo/" + sha2) && !html.contains("/brand/logo/" + sha));
            }
            assertThat(getBytes(node2, "/t/" + slug(shop) + "/brand/logo/" + sha2, null).body()).isEqualTo(second);
            assertThat(getBytes(node2, logoPath, null).statusCode()).isEqualTo(404);
            assertThat(queryLong("SELECT count(*) FROM " + shop.tenant().schemaName()
                    + ".staff_audit WHERE action = 'branding.logo' AND subject = 'branding' AND after_values->>'logo' = '" + sha2 + "'"))
                    .as("audited with the logo before and after").isEqualTo(1);

            // on a phone, and in German and Chinese
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "branding-390");
            browser.manage().window().setSize(new Dimension(390, 2600));
            Chromium.screenshot(browser, "branding-390");
            browser.manage().window().setSize(new Dimension(1280, 2000));
            Chromium.screenshot(browser, "branding");
            for (Map.Entry<String, String> language : Map.of("de", "Aussehen des Shops", "zh-CN", "商店外观").entrySet()) {
                browser.get(ShopCalls.base(node1, shop) + "manage/branding/index.xhtml?lang=" + language.getKey());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("branding-title")));
                assertThat(browser.findElement(By.id("branding-title")).getText()).isEqualTo(language.getValue());
                Axe.assertClean(browser, "branding-" + language.getKey());
                Chromium.screenshot(browser, "branding-" + language.getKey());
            }
            browser.get(ShopCalls.base(node1, shop) + "manage/branding/index.xhtml?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("branding-title")));
        } finally {
            browser.quit();
        }
    }

    // --- colour and CSS

    @Test
    void colourNameAndCssReachTheShopPagesWithoutTheDangerousParts() throws Exception {
        WebDriver browser = PaidOrders.signedIn(node1, shop, ADMIN, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            openBranding(browser, wait);
            // a colour that does not parse is said next to its field, and nothing is saved
            type(browser, "look:primaryColor", "#12345");
            Chromium.clickAndLoad(browser, By.id("look:saveLook"));
            assertThat(fieldError(browser, wait, "look:primaryColor-error")).contains("six hexadecimal digits");

            // the preview follows the typing before anything is saved: a pale yellow gets ink text and a link warning
            type(browser, "look:primaryColor", "#ffdd00");
            wait.until(d -> d.findElement(By.id("preview")).getAttribute("style").contains("--brand: #ffdd00"));
            assertThat(browser.findElement(By.id("preview")).getAttribute("style")).contains("--on-brand: #1d1d1f");
            assertThat(browser.findElement(By.id("contrast-links")).isDisplayed()).isTrue();
            type(browser, "look:displayName", "Harbour Lights Tickets");
            wait.until(d -> d.findElement(By.id("preview-name")).getText().equals("Harbour Lights Tickets"));

            type(browser, "look:primaryColor", "#0b6e4f");
            type(browser, "look:customCss", """
                    @import url(https://evil.test/steal.css);
                    .shop-header { letter-spacing: .02em; background-image: url(https://evil.test/track.png) }
                    .shop-footer { font-style: italic; behavior: url(x.htc) }
                    h1 { width: expression(alert(1)) }
                    .x { content: "</style><script>alert(1)</script>" }
                    """);
            Chromium.clickAndLoad(browser, By.id("look:saveLook"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("css-removed")));
            assertThat(browser.findElement(By.id("css-removed")).getText())
                    .contains("@import").contains("track.png").contains("behavior").contains("expression").contains("</style>");
            assertThat(browser.findElement(By.id("shop-name")).getText()).as("the header at once").contains("Harbour Lights Tickets");
            assertThat(browser.findElement(By.tagName("body")).getAttribute("style")).contains("--brand: #0b6e4f");
            Axe.assertClean(browser, "branding-css-filtered");

            for (PayaraMicroNode node : List.of(node1, node2)) {
                String html = eventually(() -> get(ShopCalls.base(node, shop), null, null).body(),
                        page -> page.contains("Harbour Lights Tickets") && page.contains("--brand: #0b6e4f"));
                String style = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
                assertThat(style).contains(".shop-header").contains("letter-spacing:.02em").contains("font-style:italic")
                        .doesNotContain("url(").doesNotContain("@import").doesNotContain("expression").doesNotContain("<script");
                assertThat(html).doesNotContain("evil.test").doesNotContain("alert(1)");
            }
            // the back office gets none of the organizer's CSS
            assertThat(browser.findElements(By.cssSelector("head style"))).isEmpty();
            assertThat(queryText("SELECT after_values->>'primaryColor' FROM " + shop.tenant().schemaName()
                    + ".staff_audit WHERE action = 'branding.change' ORDER BY id DESC LIMIT 1")).isEqualTo("#0b6e4f");
            // a shop in a browser is clean too (axe), with the new colour
            browser.get(ShopCalls.base(node2, shop));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("shop-name")));
            Axe.assertClean(browser, "branded-shop");
        } finally {
            browser.quit();
        }
    }

    // --- host names

    @Test
    void aHostNameAddedMakesTheShopAnswerOnItAndNoOtherShopCanTakeIt() throws Exception {
        String host = "tickets-" + slug(shop) + ".example.test";
        WebDriver browser = PaidOrders.signedIn(node1, shop, ADMIN, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            openBranding(browser, wait);
            type(browser, "hosts:newHost", "not a host");
            Chromium.clickAndLoad(browser, By.id("hosts:addHost"));
            assertThat(fieldError(browser, wait, "hosts:newHost-error")).contains("not a host name");
            type(browser, "hosts:newHost", host.toUpperCase());
            Chromium.clickAndLoad(browser, By.id("hosts:addHost"));
            wait.until(d -> d.findElement(By.id("host-list")).getText().contains(host));
        } finally {
            browser.quit();
        }
        for (PayaraMicroNode node : List.of(node1, node2)) {
            eventually(() -> get("http://127.0.0.1:" + node.httpPort() + "/", host, null),
                    r -> r.statusCode() == 200 && r.body().contains("id=\"shop-name\""));
        }
        String otherToken = fixtures.token(otherShop, OTHER_ADMIN, PASSWORD);
        HttpResponse<String> taken = ShopCalls.as(node1, otherShop, otherToken, "POST", "api/manage/branding/hosts",
                "{\"host\": \"" + host + "\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(ShopCalls.as(node1, otherShop, otherToken, "DELETE", "api/manage/branding/hosts/" + host, null).statusCode())
                .as("another shop cannot remove it").isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + node1.httpPort() + "/", host, null).statusCode()).isEqualTo(200);

        // the API removes it again: the host then names no shop
        String token = fixtures.token(shop, ADMIN, PASSWORD);
        HttpResponse<String> removed = ShopCalls.as(node1, shop, token, "DELETE", "api/manage/branding/hosts/" + host, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        eventually(() -> get("http://127.0.0.1:" + node2.httpPort() + "/", host, null), r -> r.statusCode() == 404);
    }

    // --- payments and checkout

    @Test
    void paymentCredentialsAreSavedButNeverShownAndGuestCheckoutChangesTheShop() throws Exception {
        String secret = "whsec-brand-IT-" + Long.toHexString(System.nanoTime()) + "-never-shown";
        WebDriver browser = PaidOrders.signedIn(node1, shop, ADMIN, PASSWORD);
        try {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            browser.get(ShopCalls.base(node1, shop) + "manage/payments/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("provider-sandbox")));
            Axe.assertClean(browser, "payments");
            Keyboard.assertFocusVisible(browser, "payments");

            // a secret the sandbox refuses (too short) is said; then a good one is saved and shown only as "set"
            browser.findElement(By.id("cred-sandbox-webhookSecret")).sendKeys("short");
            Chromium.clickAndLoad(browser, By.cssSelector("#provider-sandbox .save-credentials"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .error")));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("did not accept").contains("16 characters");
            browser.findElement(By.id("cred-sandbox-webhookSecret")).sendKeys(secret);
            Chromium.clickAndLoad(browser, By.cssSelector("#provider-sandbox .save-credentials"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .info")));
            assertThat(browser.findElement(By.cssSelector("#provider-sandbox .credentials-state")).getText()).isEqualTo("set");
            assertThat(browser.findElement(By.cssSelector("#provider-sandbox .active-state")).getText()).isEqualTo("yes");
            assertThat(browser.findElement(By.id("cred-sandbox-webhookSecret")).getAttribute("value")).isEmpty();
            assertThat(browser.getPageSource()).doesNotContain(secret);
            assertThat(PaidOrders.sandboxSecret(shop)).as("stored, sealed").isEqualTo(secret);
            assertThat(queryLong("SELECT count(*) FROM " + shop.tenant().schemaName() + ".staff_audit WHERE action = 'payments.configure'"
                    + " AND subject = 'payment:sandbox'")).isEqualTo(1);
            assertThat(queryLong("SELECT count(*) FROM " + shop.tenant().schemaName() + ".staff_audit WHERE detail LIKE '%" + secret
                    + "%' OR before_values::text LIKE '%" + secret + "%' OR after_values::text LIKE '%" + secret + "%'"))
                    .as("never in the audit log").isZero();

            // switched off and on again, its credentials kept
            Chromium.clickAndLoad(browser, By.cssSelector("#provider-sandbox .switch-off"));
            wait.until(d -> d.findElement(By.cssSelector("#provider-sandbox .active-state")).getText().equals("no"));
            Chromium.clickAndLoad(browser, By.cssSelector("#provider-sandbox .switch-on"));
            wait.until(d -> d.findElement(By.cssSelector("#provider-sandbox .active-state")).getText().equals("yes"));
            assertThat(PaidOrders.sandboxSecret(shop)).isEqualTo(secret);

            // guest checkout: strangers are asked to sign in until it is on
            String hold = "{\"ticketTypeId\": " + ticketType + ", \"quantity\": 1}";
            assertThat(anonymous(node2, "POST", "api/holds", hold).statusCode()).isEqualTo(401);
            type(browser, "checkout:maxHeldPerBuyer", "lots");
            Chromium.clickAndLoad(browser, By.id("checkout:saveCheckout"));
            assertThat(fieldError(browser, wait, "checkout:maxHeldPerBuyer-error")).contains("whole number");
            type(browser, "checkout:maxHeldPerBuyer", "6");
            if (!browser.findElement(By.id("checkout:guestCheckout")).isSelected()) {
                browser.findElement(By.id("checkout:guestCheckout")).click();
            }
            Chromium.clickAndLoad(browser, By.id("checkout:saveCheckout"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .info")));
            assertThat(browser.findElement(By.id("checkout:guestCheckout")).isSelected()).isTrue();
            assertThat(browser.findElement(By.id("checkout:maxHeldPerBuyer")).getAttribute("value")).isEqualTo("6");
            eventually(() -> anonymous(node2, "POST", "api/holds", hold), r -> r.statusCode() == 201);
            assertThat(queryText("SELECT after_values->>'guestCheckout' FROM " + shop.tenant().schemaName()
                    + ".staff_audit WHERE action = 'checkout.settings' ORDER BY id DESC LIMIT 1")).isEqualTo("true");

            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "payments-390");
            browser.manage().window().setSize(new Dimension(390, 2400));
            Chromium.screenshot(browser, "payments-390");
            browser.manage().window().setSize(new Dimension(1280, 1700));
            Chromium.screenshot(browser, "payments");
            for (Map.Entry<String, String> language : Map.of("de", "Zahlungen und Kasse", "zh-CN", "支付与结账").entrySet()) {
                browser.get(ShopCalls.base(node1, shop) + "manage/payments/index.xhtml?lang=" + language.getKey());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("payments-title")));
                assertThat(browser.findElement(By.id("payments-title")).getText()).isEqualTo(language.getValue());
                assertThat(browser.getPageSource()).doesNotContain(secret);
                Axe.assertClean(browser, "payments-" + language.getKey());
                Chromium.screenshot(browser, "payments-" + language.getKey());
            }
            browser.get(ShopCalls.base(node1, shop) + "manage/payments/index.xhtml?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("payments-title")));

            // and off again
            browser.findElement(By.id("checkout:guestCheckout")).click();
            Chromium.clickAndLoad(browser, By.id("checkout:saveCheckout"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .info")));
            eventually(() -> anonymous(node1, "POST", "api/holds", hold), r -> r.statusCode() == 401);
        } finally {
            browser.quit();
        }
        String token = fixtures.token(shop, ADMIN, PASSWORD);
        HttpResponse<String> listed = ShopCalls.as(node2, shop, token, "GET", "api/manage/payments", null);
        assertThat(listed.body()).contains("\"configured\":true").doesNotContain(secret);
    }

    // --- who may

    @Test
    void staffAndFinanceAreRefusedBothPagesAndTheirApisAndTheOtherShopIsUntouched() throws Exception {
        for (String email : List.of(STAFF, FINANCE)) {
            String cookies = PaidOrders.session(node1, shop, email, PASSWORD);
            for (String page : List.of("manage/branding/index.xhtml", "manage/payments/index.xhtml")) {
                assertThat(get(ShopCalls.base(node1, shop) + page, null, cookies).statusCode()).as(email + " " + page).isEqualTo(403);
            }
            String token = fixtures.token(shop, email, PASSWORD);
            assertThat(ShopCalls.as(node1, shop, token, "GET", "api/manage/branding", null).statusCode()).as(email).isEqualTo(403);
            assertThat(ShopCalls.as(node1, shop, token, "PUT", "api/manage/branding", "{\"primaryColor\": \"#000000\"}").statusCode())
                    .as(email).isEqualTo(403);
            assertThat(ShopCalls.as(node1, shop, token, "GET", "api/manage/payments", null).statusCode()).as(email).isEqualTo(403);
            assertThat(ShopCalls.as(node1, shop, token, "PUT", "api/manage/checkout", "{\"guestCheckout\": true}").statusCode())
                    .as(email).isEqualTo(403);
        }

        // the API: an SVG is refused with the reason, a PNG comes back as the logo's address
        String token = fixtures.token(shop, ADMIN, PASSWORD);
        HttpResponse<String> svg = HTTP.send(ShopCalls.request(node1, shop, token, "PUT", "api/manage/branding/logo", null)
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofString("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(svg.statusCode()).isEqualTo(422);
        assertThat(svg.body()).contains("SVG").contains("\"field\":\"logo\"");
        HttpResponse<String> colour = ShopCalls.as(node1, shop, token, "PUT", "api/manage/branding", "{\"primaryColor\": \"red\"}");
        assertThat(colour.statusCode()).isEqualTo(422);
        assertThat(colour.body()).contains("primaryColor");
        HttpResponse<String> look = ShopCalls.as(node1, shop, token, "GET", "api/manage/branding", null);
        assertThat(look.statusCode()).isEqualTo(200);
        assertThat(look.body()).contains("\"contrast\"").contains("\"hosts\"");

        // the other shop keeps its own look and sees none of this one's
        String otherToken = fixtures.token(otherShop, OTHER_ADMIN, PASSWORD);
        HttpResponse<String> other = ShopCalls.as(node1, otherShop, otherToken, "GET", "api/manage/branding", null);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).contains("\"primaryColor\":\"#1f4e8c\"").contains("\"logoUrl\":null").contains(slug(otherShop));
        String otherHome = get(ShopCalls.base(node2, otherShop), null, null).body();
        assertThat(otherHome).doesNotContain("/brand/logo/").doesNotContain("<style>").contains("--brand: #1f4e8c");
        assertThat(get(ShopCalls.base(node1, otherShop) + "manage/branding/index.xhtml", null,
                PaidOrders.session(node1, shop, STAFF, PASSWORD)).statusCode())
                .as("a session of one shop opens nothing in another").isIn(302, 303, 401, 403);
    }

    // --- helpers

    private static void openBranding(WebDriver browser, Wait<WebDriver> wait) {
        browser.get(ShopCalls.base(node1, shop) + "manage/branding/index.xhtml");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("branding-title")));
    }

    private static void upload(WebDriver browser, Wait<WebDriver> wait, String name, byte[] content) throws Exception {
        Path dir = Files.createTempDirectory("logo");
        Path file = dir.resolve(name);
        Files.write(file, content);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logo:logoFile")));
        browser.findElement(By.id("logo:logoFile")).sendKeys(file.toAbsolutePath().toString());
        Chromium.clickAndLoad(browser, By.id("logo:uploadLogo"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logo-title")));
    }

    private static String fieldError(WebDriver browser, Wait<WebDriver> wait, String id) {
        wait.until(d -> !d.findElements(By.id(id)).isEmpty() && !d.findElement(By.id(id)).getText().isBlank());
        return browser.findElement(By.id(id)).getText();
    }

    private static void type(WebDriver browser, String id, String text) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static byte[] png(int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(4, 4, height - 8, height - 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String slug(RealmFixtures.TenantRealm realm) {
        return realm.tenant().slug().value();
    }

    private static HttpResponse<String> get(String url, String host, String cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (host != null) {
            request.header("Host", host);
        }
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(PayaraMicroNode node, String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> anonymous(PayaraMicroNode node, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ShopCalls.base(node, shop) + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Call<T> {
        T call() throws Exception;
    }

    /** What {@code call} returns once {@code until} holds (a node sees another's change within a second or two). */
    private static <T> T eventually(Call<T> call, Predicate<T> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T last = call.call();
        while (!until.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still not so after 15 s: " + (last instanceof HttpResponse<?> r ? r.statusCode() + " " + r.body() : last));
            }
            Thread.sleep(200);
            last = call.call();
        }
        return last;
    }
}
