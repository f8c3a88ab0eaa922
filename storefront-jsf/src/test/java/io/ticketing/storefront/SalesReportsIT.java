package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.testsupport.Axe;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.Chromium;
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
    private static final int BACKGROUND_ABOVE = 4;
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
            org.openqa.selenium.support.ui.Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
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
            browser.manage().window().setSize(new Dimension(1280, 3200));
            Chromium.screenshot(browser, "finance-report");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "finance-report-390");
            browser.manage().window().setSize(new Dimension(390, 5200));
            Chromium.screenshot(browser, "finance-report-390");
            browser.manage().window().setSize(new Dimension(1280, 800));

            // one event only: the yuan disappear, the euros stay as they were
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("event"))).selectByValue(Long.toString(gala));
            browser.findElement(By.id("show-report")).click();
            wait.until(d -> d.getCurrentUrl().contains("event=" + gala));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totals")));
            assertThat(browser.findElements(By.cssSelector("#totals tr.currency-CNY"))).isEmpty();
            assertThat(text(browser, "#totals tr.currency-EUR .net")).isEqualTo(money(totals("EUR").net(), "EUR"));

            // in German and Chinese: the page's words and money in the reader's language
            for (Map.Entry<String, String> language : Map.of("de", "Verkäufe", "zh-CN", "销售").entrySet()) {
                browser.get(base(node1, shop) + "manage/finance/index.xhtml?lang=" + language.getKey());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totals")));
                assertThat(browser.findElement(By.id("finance-title")).getText()).isEqualTo(language.getValue());
                Axe.assertClean(browser, "finance-report-" + language.getKey());
                Chromium.screenshot(browser, "finance-report-" + language.getKey());
            }
            browser.get(base(node1, shop) + "manage/finance/index.xhtml?lang=en");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totals")));

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
        // four orders: under the background threshold, so written while the reader waits
        HttpResponse<byte[]> pdf = download(node1, FINANCE, "pdf", "&type=" + stalls + "&type=" + vip);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).contains("sales-" + slug(shop));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(money(lineNet("EUR", stalls, vip), "EUR"), money(lineNet("CNY", stalls, vip), "CNY"),
                    "张伟", "Jörg Müßig", "Ολυμπία Παπαδοπούλου", "FRIENDS10").doesNotContain("Émile Zola");
        }
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".staff_audit WHERE action = 'report.downloaded'"))
                .as("downloads are audited").isPositive();
    }

    @Test
    void theXlsxHasNumericAmountsThatAddUpToTheDatabasesNetAndTheCsvNeutralisesFormulas() throws Exception {
        HttpResponse<byte[]> xlsx = download(node1, FINANCE, "xlsx", "&event=" + gala);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet lines = workbook.getSheet("Lines");
            assertThat(lines).isNotNull();
            assertThat(lines.getLastRowNum()).isEqualTo(queryLong("SELECT count(*) FROM " + schema() + ".order_line l JOIN " + schema()
                    + ".customer_order o ON o.id = l.order_id JOIN " + schema() + ".ticket_type t ON t.id = l.ticket_type_id"
                    + " WHERE t.event_id = " + gala + " AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')"));
            BigDecimal net = BigDecimal.ZERO;
            for (int r = 1; r <= lines.getLastRowNum(); r++) {
                Cell cell = lines.getRow(r).getCell(12);
                assertThat(cell.getCellType()).as("amounts are numbers, not text").isEqualTo(CellType.NUMERIC);
                assertThat(cell.getCellStyle().getDataFormatString()).contains("€");
                net = net.add(BigDecimal.valueOf(cell.getNumericCellValue()));
            }
            assertThat(net.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(
                    BigDecimal.valueOf(lineNet("EUR", stalls, balcony), 2));
        }
        HttpResponse<byte[]> csv = download(node1, FINANCE, "csv", "&event=" + gala);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> records;
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(csv.body(), 3, csv.body().length - 3), StandardCharsets.UTF_8)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        assertThat(records.stream().map(r -> new BigDecimal(r.get("Net"))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(BigDecimal.valueOf(lineNet("EUR", stalls, balcony), 2));
        assertThat(records).anySatisfy(r -> assertThat(r.get("Buyer")).isEqualTo("'=HYPERLINK(\"http://evil.test\")"));
        assertThat(records).allSatisfy(r -> assertThat(r.get("Order ID")).hasSize(36));
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

        // the page the reader was sent back to lists the job, and its script shows the download link once ready
        WebDriver browser = signedInBrowser(node1, FINANCE);
        try {
            browser.get("http://127.0.0.1:" + node1.httpPort() + location);
            org.openqa.selenium.support.ui.Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(WebDriverException.class);
            wait.until(d -> d.findElement(By.cssSelector("#job .job-file")).isDisplayed());
            assertThat(browser.findElement(By.cssSelector("#job progress")).getAttribute("value")).isEqualTo("100");
            assertThat(browser.findElement(By.cssSelector("#job .job-status")).getText()).isEqualTo("Ready");
            Axe.assertClean(browser, "finance-jobs");
        } finally {
            browser.quit();
        }

        // bound to its requester: a colleague with the same role, and the other shop's finance, find nothing
        assertThat(get(node1, COLLEAGUE, "manage/finance/jobs/" + job + "/file").statusCode()).isEqualTo(404);
        assertThat(get(node1, COLLEAGUE, "manage/finance/jobs/" + job).statusCode()).isEqualTo(404);
        assertThat(getIn(node1, otherShop, OTHER_FINANCE, "manage/finance/jobs/" + job + "/file").statusCode()).isEqualTo(404);
    }

    @Test
    void severalQueuedReportsAreEachMadeByExactlyOneNode() throws Exception {
        List<String> jobs = new ArrayList<>();
        String slug = shop.tenant().slug().value();
        double readyBefore = ClusterTestSupport.counted(List.of(node1, node2), "ticketing_report_jobs_total", slug, "ready");
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
        assertThat(ClusterTestSupport.counted(List.of(node1, node2), "ticketing_report_jobs_total", slug, "ready") - readyBefore)
                .as("each counted once, by the node that made it").isEqualTo(jobs.size());
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

    /** Net of the paid lines of these ticket types in a currency, summed line by line. */
    private static long lineNet(String currency, long... types) {
        String ids = java.util.Arrays.stream(types).mapToObj(Long::toString).collect(Collectors.joining(","));
        return queryLong("SELECT coalesce(sum(l.unit_price_minor * l.quantity - l.discount_minor - l.refunded_minor), 0) FROM " + schema()
                + ".order_line l JOIN " + schema() + ".customer_order o ON o.id = l.order_id WHERE o.currency = '" + currency
                + "' AND l.ticket_type_id IN (" + ids + ") AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')");
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

    private static void refund(String token, String orderId, String body, String key) throws Exception {
        HttpResponse<String> refunded = HTTP.send(ShopCalls.request(node1, shop, token, "POST", "api/manage/orders/" + orderId + "/refunds", body)
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(201);
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

    private static String order(String name, List<PaidOrders.Line> lines, String coupon) throws Exception {
        return PaidOrders.order(node1, shop, buyerToken, BUYER, name, lines, coupon);
    }

    private static String pay(String orderId) throws Exception {
        return PaidOrders.pay(node1, shop, orderId);
    }

    private static PaidOrders.Line line(long type, int quantity) {
        return new PaidOrders.Line(type, quantity);
    }

    private static String session(PayaraMicroNode node, RealmFixtures.TenantRealm tenant, String email) {
        return PaidOrders.session(node, tenant, email, PASSWORD);
    }

    private static WebDriver signedInBrowser(PayaraMicroNode node, String email) {
        return PaidOrders.signedIn(node, shop, email, PASSWORD);
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
