package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static io.ticketing.storefront.TicketScans.scanPage;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * PDF tickets on a real Payara Micro node with the real PostgreSQL and Keycloak: a paid order's tickets
 * download from its page's link as one PDF, a page per ticket, whose QR codes scan back to genuine passes
 * of the shop; before payment the link says why there is nothing yet; other shops and wrong keys get 404.
 */
class TicketPdfIT {

    private static final String PASSWORD = "buyer-pass-1";
    private static final String BUYER = "buyer@pdf.test";
    private static final String CREW = "crew@pdf.test";
    private static final String STRANGER = "stranger@pdf.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static CatalogFixtures catalog;
    private static long venue;
    private static String token;
    private static PayaraMicroNode node;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        otherShop = fixtures.tenant("pdf-b", "http://127.0.0.1");
        int hz = PayaraMicroNode.freePort();
        node = storefrontNode("pdf1", hz, List.of(hz), "pdf-" + ProcessHandle.current().pid(), Map.of());
        node.awaitReady(URI.create(base(slug(otherShop)) + "api/events"), Duration.ofMinutes(4));
        // made once the node's address is known: its realm sends browsers back there after sign-in
        shop = fixtures.tenant("pdf-a", "http://127.0.0.1:" + node.httpPort());
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, STRANGER, PASSWORD);
        uploadLogo(shop, new java.awt.Color(255, 0, 255));
        catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        venue = catalog.venue("Lotus Hall", "Shanghai", "CN", ZoneId.of("Asia/Shanghai"));
        token = fixtures.token(shop, BUYER, PASSWORD);
    }

    /** A logo as the branding page stores an upload (the page itself is BackOfficeBrandingIT's). */
    private static void uploadLogo(RealmFixtures.TenantRealm realm, java.awt.Color colour) throws Exception {
        BufferedImage logo = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = logo.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 120, 40);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png.toByteArray()));
        try (var c = ClusterTestSupport.DB.getConnection();
             var insert = c.prepareStatement("INSERT INTO platform.tenant_logo (tenant_id, sha256, content_type, width, height, content)"
                     + " VALUES (?, ?, 'image/png', 120, 40, ?)");
             var use = c.prepareStatement("UPDATE platform.tenant SET logo_sha256 = ? WHERE id = ?")) {
            insert.setLong(1, realm.tenant().id());
            insert.setString(2, sha);
            insert.setBytes(3, png.toByteArray());
            insert.executeUpdate();
            use.setString(1, sha);
            use.setLong(2, realm.tenant().id());
            use.executeUpdate();
        }
    }

    /** Whether a pixel within a few steps of {@code rgb} is there (the PDF may re-encode the image). */
    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 16 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 16
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 16) {
                    return true;
                }
            }
        }
        return false;
    }

    @AfterAll
    static void stop() {
        stopAll(fixtures, node);
    }

    @Test
    void aPaidOrdersTicketsDownloadAsOnePdfWhoseQrCodesAreGenuinePassesOfTheShop() throws Exception {
        String orderId = placeOrder("春节音乐会", 3);
        String pdfPath = "orders/" + orderId + "/tickets.pdf?key=" + linkKey(shop, orderId);

        HttpResponse<String> unpaid = HTTP.send(get(base(slug(shop)) + pdfPath, "de").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unpaid.statusCode()).isEqualTo(409);
        assertThat(unpaid.body()).isEqualTo("Diese Bestellung ist noch nicht bezahlt. Ihre Tickets können Sie herunterladen, "
                + "sobald die Zahlung eingegangen ist.");

        pay(orderId, Money.ofMinor(3 * 18800, "CNY"));
        HttpResponse<byte[]> download = HTTP.send(get(base(slug(shop)) + pdfPath, "zh-CN").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        // Payara appends the application's charset to every type; a PDF reader ignores it
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/pdf"));
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"tickets-" + slug(shop) + "-" + orderId.substring(0, 8) + ".pdf\"");
        assertThat(download.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("private", "no-store"));

        List<String> codes = new ArrayList<>();
        try (var rows = ClusterTestSupport.DB.getConnection().prepareStatement("SELECT code FROM " + shop.tenant().schemaName()
                + ".ticket WHERE order_id = '" + orderId + "'").executeQuery()) {
            while (rows.next()) {
                codes.add(rows.getString(1));
            }
        }
        assertThat(codes).hasSize(3);
        try (PDDocument pdf = Loader.loadPDF(download.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(3);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("春节音乐会", "池座", "王小明", "持票人", "Lotus Hall", "¥188.00");
            List<String> scanned = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(page, 150, ImageType.RGB);
                if (page == 0) {
                    assertThat(hasColour(image, 0xff00ff)).as("the logo the organizer uploaded sits in the band").isTrue();
                    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
                    ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 90, ImageType.RGB), "png", dir.resolve("ticket-pdf-zh-CN.png").toFile());
                }
                String pass = scanPage(pdf, page);
                TicketPass.Scan read = TicketPass.read(pass, slug(shop), macOf(shop));
                assertThat(read).as(pass).isInstanceOf(TicketPass.Genuine.class);
                scanned.add(((TicketPass.Genuine) read).pass().code());
                assertThat(TicketPass.read(pass, slug(otherShop), macOf(otherShop))).isInstanceOf(TicketPass.OtherShop.class);
            }
            assertThat(scanned).containsExactlyInAnyOrderElementsOf(codes);
        }

        // the same order and key under another shop, a wrong key, no key at all: the shop's 404, nothing else
        assertThat(status(base(slug(otherShop)) + pdfPath)).isEqualTo(404);
        assertThat(status(base(slug(shop)) + "orders/" + orderId + "/tickets.pdf?key=" + linkKey(otherShop, orderId))).isEqualTo(404);
        assertThat(status(base(slug(shop)) + "orders/" + orderId + "/tickets.pdf")).isEqualTo(404);
        assertThat(status(base(slug(shop)) + "orders/not-an-order/tickets.pdf?key=x")).isEqualTo(404);

        orderPageLinksThePdf(orderId);
    }

    /** The paid order's page offers the download, clean under axe, at 1280 px and at 390 px. */
    private void orderPageLinksThePdf(String orderId) throws Exception {
        WebDriver browser = Chromium.start("en");
        try {
            browser.get(base(slug(shop)) + "orders/" + orderId + "?key=" + linkKey(shop, orderId));
            WebElement link = browser.findElement(By.id("tickets-pdf"));
            assertThat(link.getText()).isEqualTo("Download tickets (PDF)");
            assertThat(link.getAttribute("href")).endsWith("/t/" + slug(shop) + "/orders/" + orderId + "/tickets.pdf?key=" + linkKey(shop, orderId));
            Axe.assertClean(browser, "order-tickets-pdf");
            Chromium.screenshot(browser, "order-tickets-pdf");
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(browser.getCurrentUrl());
            Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).isLessThanOrEqualTo(0L);
            Chromium.screenshot(browser, "order-tickets-pdf-390");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theSignedInBuyerAndTheShopsStaffDownloadWithoutTheKeyAndNobodyElse() throws Exception {
        String orderId = placeOrder("Lantern Night", 1);
        pay(orderId, Money.ofMinor(18800, "CNY"));
        String pdf = base(slug(shop)) + "orders/" + orderId + "/tickets.pdf";

        assertThat(downloadSignedIn(BUYER, "account/orders.xhtml", pdf).statusCode()).as("the order's buyer").isEqualTo(200);
        HttpResponse<byte[]> staff = downloadSignedIn(CREW, "manage/index.xhtml", pdf);
        assertThat(staff.statusCode()).as("the shop's staff").isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(staff.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
        assertThat(downloadSignedIn(STRANGER, "account/orders.xhtml", pdf).statusCode()).as("another buyer of the shop").isEqualTo(404);
    }

    @Test
    void ordersNeverPaidOrRefundedSayWhyThereIsNothingToDownload() throws Exception {
        String expired = placeOrder("Dragon Boat Race", 1);
        sql("UPDATE " + shop.tenant().schemaName() + ".customer_order SET status = 'EXPIRED' WHERE id = '" + expired + "'");
        HttpResponse<String> never = HTTP.send(get(base(slug(shop)) + "orders/" + expired + "/tickets.pdf?key=" + linkKey(shop, expired), "en")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(never.statusCode()).isEqualTo(409);
        assertThat(never.body()).isEqualTo("This order was never paid, so it has no tickets.");

        String refunded = placeOrder("Mid-Autumn Concert", 1);
        pay(refunded, Money.ofMinor(18800, "CNY"));
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket SET status = 'VOID', voided_at = now() WHERE order_id = '" + refunded + "'");
        HttpResponse<String> voided = HTTP.send(get(base(slug(shop)) + "orders/" + refunded + "/tickets.pdf?key=" + linkKey(shop, refunded), "zh-CN")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(voided.statusCode()).isEqualTo(409);
        assertThat(voided.body()).isEqualTo("此订单的门票已退款，均已失效。");
    }

    /** Signs {@code email} in through the shop's realm in Chromium, then downloads {@code url} with that browser's session. */
    private static HttpResponse<byte[]> downloadSignedIn(String email, String page, String url) throws Exception {
        WebDriver browser = Chromium.start("en");
        try {
            browser.get(base(slug(shop)) + page);
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
            browser.findElement(By.id("username")).sendKeys(email);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("kc-login")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().startsWith(base(slug(shop))) && !d.findElements(By.id("sign-out")).isEmpty());
            String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
            return HTTP.send(get(url, "en").header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            browser.quit();
        }
    }

    /** A paid-for-later order of {@code quantity} tickets of a new event, by the buyer, with a Chinese name. */
    private static String placeOrder(String title, int quantity) throws Exception {
        long type = ticketType(title, "池座", 18800);
        HttpResponse<String> held = api("POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": " + quantity + "}", null);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        HttpResponse<String> placed = api("POST", "api/orders", "{\"holdIds\": [\"" + json(held).getString("holdId")
                + "\"], \"buyer\": {\"email\": \"" + BUYER + "\", \"name\": \"王小明\"}}", "pdf-order-" + type);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return json(placed).getString("orderId");
    }

    private static long ticketType(String title, String name, long priceMinor) {
        long event = catalog.eventOnSale(venue, title, "Test", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30), "CNY", name, priceMinor);
        long type = queryLong("SELECT id FROM " + shop.tenant().schemaName() + ".ticket_type WHERE event_id = " + event);
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket_type SET max_per_order = 10 WHERE id = " + type);
        return type;
    }

    /** The sandbox's signed callback saying the order was paid. */
    private static void pay(String orderId, Money amount) throws Exception {
        String ref = queryText("SELECT payment_ref FROM " + shop.tenant().schemaName() + ".customer_order WHERE id = '" + orderId + "'");
        Instant at = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt-" + orderId, "payment.paid", ref, amount, at);
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base(slug(shop)) + "api/payments/callback/sandbox"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(sandboxSecret(), at, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(queryText("SELECT status FROM " + shop.tenant().schemaName() + ".customer_order WHERE id = '" + orderId + "'")).isEqualTo("PAID");
    }

    /** The shop's sandbox signing secret, as the sandbox's own server knows it (the order set the sandbox up). */
    private static String sandboxSecret() {
        String sealed = queryText("SELECT sealed_credentials FROM " + shop.tenant().schemaName() + ".payment_settings WHERE provider = 'sandbox'");
        String json = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(slug(shop), sealed);
        return Json.createReader(new StringReader(json)).readObject().getString("webhookSecret");
    }

    /** The order link's key as the shop makes it (OrderService.linkKey): a MAC of the order id under the shop's key. */
    private static String linkKey(RealmFixtures.TenantRealm tenant, String orderId) {
        byte[] mac = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).mac(slug(tenant), "order-link", orderId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 16));
    }

    private static Function<byte[], byte[]> macOf(RealmFixtures.TenantRealm tenant) {
        SecretBox box = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY);
        return data -> box.mac(slug(tenant), TicketPass.MAC_PURPOSE, data);
    }

    private static HttpResponse<String> api(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(slug(shop)) + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String url, String language) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept-Language", language).GET();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(get(url, "en").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String base(String slug) {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + slug + "/";
    }

    private static String slug(RealmFixtures.TenantRealm tenant) {
        return tenant.tenant().slug().value();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
