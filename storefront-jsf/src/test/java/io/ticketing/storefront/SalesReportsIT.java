package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The finance team's sales report on two real nodes: a shop with paid, discounted and partly refunded orders in
 * euros and yuan (and an unpaid one, and another shop's), whose page, PDF, XLSX and CSV carry the database's own
 * totals to the cent; a report too large to wait for is made in the background by exactly one node, with its
 * progress, and downloads only for the person who asked; staff, buyers and other shops are refused.
 */
class SalesReportsIT {

    private static final String PASSWORD = "report-pass-1";
    private static final String FINANCE = "money@reports.test";
    private static final String COLLEAGUE = "books@reports.test";
    private static final String BOSS = "boss@reports.test";
    private static final String CREW = "crew@reports.test";
    private static final String BUYER = "buyer@reports.test";
    private static final String OTHER_FINANCE = "money@other.test";
    /** Above this many orders a report is made in the background (the nodes' setting here). */
    private static final int BACKGROUND_ABOVE = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;
    private static String buyerToken;
    private static long gala;
    private static long stalls;
    private static long balcony;
    private static long festival;
    private static long vip;
    private static final Map<String, String> SESSIONS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        String cluster = "reports-" + ProcessHandle.current().pid();
        Map<String, String> settings = Map.of("ticketing.reports.background-above", Integer.toString(BACKGROUND_ABOVE));
        int http1 = PayaraMicroNode.freePort();
        int http2 = PayaraMicroNode.freePort();
        // the realms are made before the nodes start, naming both nodes' addresses for browser sign-in
        shop = fixtures.tenant("rep-a", "http://127.0.0.1:" + http1);
        fixtures.allowSignInAt(shop, "http://127.0.0.1:" + http2);
        otherShop = fixtures.tenant("rep-b", "http://127.0.0.1:" + http1);
        node1 = storefrontNode("reports1", http1, hz1, List.of(hz1, hz2), cluster, settings);
        node2 = storefrontNode("reports2", http2, hz2, List.of(hz1, hz2), cluster, settings);
        node1.awaitReady(URI.create(base(node1, shop) + "api/events"), Duration.ofMinutes(4));
        node2.awaitReady(URI.create(base(node2, shop) + "api/events"), Duration.ofMinutes(4));
        fixtures.user(shop, FINANCE, PASSWORD, "finance");
        fixtures.user(shop, COLLEAGUE, PASSWORD, "finance");
        fixtures.user(shop, BOSS, PASSWORD, "organizer-admin");
        fixtures.user(shop, CREW, PASSWORD, "organizer-staff");
        fixtures.user(shop, BUYER, PASSWORD);
        fixtures.user(otherShop, OTHER_FINANCE, PASSWORD, "finance");
        buyerToken = fixtures.token(shop, BUYER, PASSWORD);
        seed();
    }

    @AfterAll
    static void stop() {
        stopAll(fixtures, node1, node2);
    }

    /**
     * Six paid orders (one with the coupon, one refunded in part, one in full), one left unpaid, and a paid order
     * in the other shop; buyers with German, Chinese and Greek names and one whose name is a spreadsheet formula.
     */
    private static void seed() throws Exception {
        CatalogFixtures catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        long hall = catalog.venue("Konzerthaus", "Berlin", "DE", ZoneId.of("Europe/Berlin"));
        gala = catalog.eventOnSale(hall, "Gala", "Classical", OffsetDateTime.now(ZoneOffset.UTC).plusDays(20), "EUR",
                "Stalls", 5000, "Balcony", 2000);
        stalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Stalls'");
        balcony = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Balcony'");
        festival = catalog.eventOnSale(hall, "春节晚会", "Festival", OffsetDateTime.now(ZoneOffset.UTC).plusDays(40), "CNY", "贵宾", 88000);
        vip = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + festival);
        sql("UPDATE " + schema() + ".ticket_type SET max_per_order = 10");
        String boss = fixtures.token(shop, BOSS, PASSWORD);
        HttpResponse<String> coupon = ShopCalls.as(node1, shop, boss, "POST", "api/manage/coupons", "{\"code\":\"FRIENDS10\",\"percentOff\":10}");
        assertThat(coupon.statusCode()).as(coupon.body()).isEqualTo(201);

        pay(order("Jörg Müßig", List.of(line(stalls, 2), line(balcony, 1)), "FRIENDS10"));
        pay(order("张伟", List.of(line(vip, 2)), null));
        String partly = pay(order("Ολυμπία Παπαδοπούλου", List.of(line(stalls, 2)), null));
        String fully = pay(order("=HYPERLINK(\"http://evil.test\")", List.of(line(balcony, 3)), null));
        pay(order("李娜", List.of(line(vip, 1)), null));
        pay(order("Émile Zola", List.of(line(balcony, 1)), null));
        order("Never Paid", List.of(line(stalls, 1)), null);
        refund(boss, partly, "{\"lines\": [{\"ticketTypeId\": " + stalls + ", \"quantity\": 1}], \"restock\": true}", "rep-refund-1");
        refund(boss, fully, "{\"restock\": true}", "rep-refund-2");
    }

    // --- the figures

    @Test
    void thePageShowsTheDatabasesTotalsPerCurrencyAndTheReportIsUsableByKeyboardAndOnAPhone() throws Exception {
        WebDriver browser = signedInBrowser(node1, FINANCE);
        try {
            browser.get(base(node1, shop) + "manage/finance/index.xhtml");
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totals")));
            for (String currency : List.of("EUR", "CNY")) {
                Totals sql = totals(currency);
                String row = "#totals tr.currency-" + currency + " ";
                assertThat(text(browser, row + ".orders")).isEqualTo(Long.toString(sql.orders));
                assertThat(text(browser, row + ".gross")).isEqualTo(money(sql.gross, currency));
                assertThat(text(browser, row + ".discounts")).isEqualTo(money(sql.discount, currency));
                assertThat(text(browser, row + ".refunds")).isEqualTo(money(sql.refunded, currency));
                assertThat(text(browser, row + ".net")).isEqualTo(money(sql.net(), currency));
            }
            assertThat(totals("EUR").discount).as("the coupon took something off").isPositive();
            assertThat(totals("EUR").refunded).as("refunds are counted").isPositive();
            assertThat(browser.findElement(By.id("coupons")).getText()).contains("FRIENDS10");
            assertThat(browser.findElement(By.id("by-event")).getText()).contains("Gala").contains("春节晚会");
            assertThat(browser.findElements(By.cssSelector(".sales-chart"))).as("a chart per currency").hasSize(2);
            assertThat(browser.findElement(By.id("by-method")).getText()).contains("Sandbox");
            Axe.assertClean(browser, "finance-report");
            Keyboard.assertFocusVisible(browser, "finance-report");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "finance-report-390");
            browser.manage().window().setSize(new Dimension(1280, 800));

            // one event only: the yuan disappear, the euros stay as they were
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("event"))).selectByValue(Long.toString(gala));
            browser.findElement(By.id("show-report")).click();
            wait.until(d -> d.getCurrentUrl().contains("event=" + gala));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totals")));
            assertThat(browser.findElements(By.cssSelector("#totals tr.currency-CNY"))).isEmpty();
            assertThat(text(browser, "#totals tr.currency-EUR .net")).isEqualTo(money(totals("EUR").net(), "EUR"));

            // a wrong filter is said in words, not a broken page
            browser.get(base(node1, shop) + "manage/finance/index.xhtml?from=2026-12-31&to=2026-01-01");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("filter-error")));
            assertThat(browser.findElement(By.id("filter-error")).getText()).contains("comes before the first");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSmallReportStreamsAsPdfWithTheSameTotalsAndTheBuyersNamesInTheirOwnScripts() throws Exception {
        HttpResponse<byte[]> pdf = download(node1, FINANCE, "pdf", "&event=" + gala + "&event=" + festival + "&method=sandbox");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).contains("sales-" + slug(shop));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(money(totals("EUR").net(), "EUR").replace("€", "")).contains("张伟").contains("Jörg Müßig")
                    .contains("Ολυμπία").contains("FRIENDS10");
        }
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'report.downloaded'"))
                .as("downloads are audited").isPositive();
    }

    // --- the background

    @Test
    void aLargeReportIsMadeOnceInTheBackgroundWithItsProgressAndOnlyItsRequesterDownloadsIt() throws Exception {
        HttpResponse<byte[]> queued = download(node1, FINANCE, "csv", "");
        assertThat(queued.statusCode()).as("more than %d orders: queued, back to the page", BACKGROUND_ABOVE).isEqualTo(303);
        String location = queued.headers().firstValue("Location").orElseThrow();
        String job = location.replaceAll(".*[?&]job=([0-9a-f-]{36}).*", "$1");
        assertThat(job).hasSize(36);

        // followed from the other node: the job's state is the shop's, not one node's
        JsonObject state = null;
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            state = json(get(node2, FINANCE, "manage/finance/jobs/" + job));
            if (state.getString("status").equals("READY") || state.getString("status").equals("FAILED")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(state.getString("status")).isEqualTo("READY");
        assertThat(state.getInt("percent")).isEqualTo(100);
        assertThat(state.getJsonNumber("rowsTotal").longValue()).isEqualTo(linesInSql());
        assertThat(queryLong("SELECT attempts FROM " + schema() + ".report_job WHERE id = '" + job + "'")).as("made once").isEqualTo(1);
        assertThat(queryText("SELECT node FROM " + schema() + ".report_job WHERE id = '" + job + "'")).isNotBlank();

        HttpResponse<byte[]> file = get(node2, FINANCE, "manage/finance/jobs/" + job + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        String csv = new String(file.body(), StandardCharsets.UTF_8);
        assertThat(csv).contains("张伟").contains("Jörg Müßig").doesNotContain("Never Paid");
        assertThat(csv).as("formula neutralised").doesNotContain(",=HYPERLINK").doesNotContain("\"=HYPERLINK");

        // bound to its requester: a colleague with the same role, and the other shop's finance, find nothing
        assertThat(get(node1, COLLEAGUE, "manage/finance/jobs/" + job + "/file").statusCode()).isEqualTo(404);
        assertThat(get(node1, COLLEAGUE, "manage/finance/jobs/" + job).statusCode()).isEqualTo(404);
        assertThat(getIn(node1, otherShop, OTHER_FINANCE, "manage/finance/jobs/" + job + "/file").statusCode()).isEqualTo(404);
    }

    @Test
    void severalQueuedReportsAreEachMadeByExactlyOneNode() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (String format : List.of("pdf", "xlsx", "csv", "pdf")) {
            HttpResponse<byte[]> queued = download(format.equals("csv") ? node2 : node1, FINANCE, format, "");
            assertThat(queued.statusCode()).isEqualTo(303);
            jobs.add(queued.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]job=([0-9a-f-]{36}).*", "$1"));
        }
        String ids = jobs.stream().map(j -> "'" + j + "'").collect(Collectors.joining(","));
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until
                && queryLong("SELECT count(*) FROM " + schema() + ".report_job WHERE status = 'READY' AND id IN (" + ids + ")") < jobs.size()) {
            Thread.sleep(500);
        }
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".report_job WHERE status = 'READY' AND attempts = 1 AND id IN (" + ids + ")"))
                .isEqualTo(jobs.size());
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".report_file_chunk WHERE seq = 0 AND job_id IN (" + ids + ")"))
                .as("one stored file per job").isEqualTo(jobs.size());
    }

    // --- who may

    @Test
    void staffBuyersAndStrangersAreRefusedAndTheOtherShopSeesNoneOfThisShopsSales() throws Exception {
        assertThat(download(node1, CREW, "pdf", "").statusCode()).as("organizer staff").isEqualTo(403);
        assertThat(download(node1, BUYER, "pdf", "").statusCode()).as("a buyer").isEqualTo(403);
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base(node1, shop) + "manage/finance/report"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("format=pdf"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("not signed in: sent to sign in").isIn(302, 303);
        assertThat(download(node1, BOSS, "csv", "&event=" + festival).statusCode()).as("organizer admins may").isEqualTo(200);

        // the other shop's finance user, signed in there, gets their own (empty) shop's figures
        HttpResponse<byte[]> theirs = postIn(node1, otherShop, OTHER_FINANCE, "format=csv&from=" + LocalDate.now().withDayOfMonth(1)
                + "&to=" + LocalDate.now().plusDays(1));
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(new String(theirs.body(), StandardCharsets.UTF_8)).doesNotContain("张伟").doesNotContain("Gala");
        // and a session of shop B is nobody in shop A
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base(node1, shop) + "manage/finance/report"))
                        .header("Cookie", session(node1, otherShop, OTHER_FINANCE)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("format=pdf")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isIn(302, 303);
    }

    // --- helpers

    private record Totals(long orders, long gross, long discount, long refunded) {
        long net() {
            return gross - discount - refunded;
        }
    }

    /** The shop's totals in a currency, summed at the order level (the report sums lines: two ways to the same cent). */
    private static Totals totals(String currency) {
        String where = " FROM " + schema() + ".customer_order WHERE currency = '" + currency + "' AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')";
        return new Totals(queryLong("SELECT count(*)" + where), queryLong("SELECT coalesce(sum(subtotal_minor), 0)" + where),
                queryLong("SELECT coalesce(sum(discount_minor), 0)" + where), queryLong("SELECT coalesce(sum(refunded_minor), 0)" + where));
    }

    private static long linesInSql() {
        return queryLong("SELECT count(*) FROM " + schema() + ".order_line l JOIN " + schema()
                + ".customer_order o ON o.id = l.order_id WHERE o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')");
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).format(Locale.ENGLISH);
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static String line(long type, int quantity) {
        return type + ":" + quantity;
    }

    /** An order of the buyer account under {@code name}: a hold per line, then the order (with the coupon, if any). */
    private static String order(String name, List<String> lines, String coupon) throws Exception {
        List<String> holds = new ArrayList<>();
        for (String l : lines) {
            String[] typeAndQuantity = l.split(":");
            HttpResponse<String> held = ShopCalls.as(node1, shop, buyerToken, "POST", "api/holds",
                    "{\"ticketTypeId\": " + typeAndQuantity[0] + ", \"quantity\": " + typeAndQuantity[1] + "}");
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            holds.add("\"" + json(held.body()).getString("holdId") + "\"");
        }
        String body = "{\"holdIds\": [" + String.join(",", holds) + "], \"buyer\": {\"email\": \"" + BUYER + "\", \"name\": "
                + Json.createValue(name) + "}" + (coupon == null ? "" : ", \"couponCode\": \"" + coupon + "\"") + "}";
        HttpResponse<String> placed = HTTP.send(ShopCalls.request(node1, shop, buyerToken, "POST", "api/orders", body)
                .header("Idempotency-Key", "report-order-" + name.hashCode()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return json(placed.body()).getString("orderId");
    }

    /** The sandbox's signed callback saying the order was paid in full. */
    private static String pay(String orderId) throws Exception {
        String ref = queryText("SELECT payment_ref FROM " + schema() + ".customer_order WHERE id = '" + orderId + "'");
        Money total = Money.ofMinor(queryLong("SELECT total_minor FROM " + schema() + ".customer_order WHERE id = '" + orderId + "'"),
                queryText("SELECT currency FROM " + schema() + ".customer_order WHERE id = '" + orderId + "'"));
        Instant at = Instant.now();
        byte[] body = SandboxPaymentProvider.callbackBody("evt-" + orderId, "payment.paid", ref, total, at);
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(base(node1, shop) + "api/payments/callback/sandbox"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, SandboxSignature.sign(sandboxSecret(), at, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        return orderId;
    }

    private static void refund(String token, String orderId, String body, String key) throws Exception {
        HttpResponse<String> refunded = HTTP.send(ShopCalls.request(node1, shop, token, "POST", "api/manage/orders/" + orderId + "/refunds", body)
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(201);
    }

    private static String sandboxSecret() {
        String sealed = queryText("SELECT sealed_credentials FROM " + schema() + ".payment_settings WHERE provider = 'sandbox'");
        String json = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(slug(shop), sealed);
        return Json.createReader(new StringReader(json)).readObject().getString("webhookSecret");
    }

    /** Posts the finance page's download form of this month (plus {@code extra}) as {@code email}, signed in on {@code node}. */
    private static HttpResponse<byte[]> download(PayaraMicroNode node, String email, String format, String extra) throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate today = LocalDate.now(berlin);
        return postIn(node, shop, email, "format=" + format + "&from=" + today.withDayOfMonth(1) + "&to=" + today + "&zone="
                + URLEncoder.encode(berlin.getId(), StandardCharsets.UTF_8) + extra);
    }

    private static HttpResponse<byte[]> postIn(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String email, String form)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(node, tenant) + "manage/finance/report")).timeout(Duration.ofSeconds(60))
                .header("Cookie", session(node, tenant, email)).header("Accept-Language", "en")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(PayaraMicroNode node, String email, String path) throws Exception {
        return getIn(node, shop, email, path);
    }

    private static HttpResponse<byte[]> getIn(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String email, String path)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(node, tenant) + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", session(node, tenant, email)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The session cookies of {@code email} signed in to {@code tenant} on {@code node} (a browser signs in once, then quits). */
    private static String session(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String email) {
        return SESSIONS.computeIfAbsent(node.httpPort() + "/" + slug(tenant) + "/" + email, k -> {
            WebDriver browser = signedInBrowser(node, tenant, email);
            try {
                return browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
            } finally {
                browser.quit();
            }
        });
    }

    private static WebDriver signedInBrowser(PayaraMicroNode node, String email) {
        return signedInBrowser(node, shop, email);
    }

    private static WebDriver signedInBrowser(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String email) {
        WebDriver browser = Chromium.start("en");
        browser.get(base(node, tenant) + "account/profile.xhtml");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(base(node, tenant)) && !d.findElements(By.id("sign-out")).isEmpty());
        return browser;
    }

    private static String base(PayaraMicroNode node, RealmFixtures.TenantRealm tenant) {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + slug(tenant) + "/";
    }

    private static String slug(RealmFixtures.TenantRealm tenant) {
        return tenant.tenant().slug().value();
    }

    private static String schema() {
        return shop.tenant().schemaName();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonObject json(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(new String(response.body(), StandardCharsets.UTF_8));
    }
}
