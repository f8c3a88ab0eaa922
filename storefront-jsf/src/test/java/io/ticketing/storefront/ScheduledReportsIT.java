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
import io.ticketing.platform.testsupport.Keyboard;
import io.ticketing.platform.testsupport.MailServer;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
 * Sales reports by e-mail on a real node, PostgreSQL, Keycloak and SMTP server (GreenMail): a finance user subscribes
 * on the finance page (daily PDF, weekly XLSX), the subscriptions are made due, and each mail arrives once, across
 * further sweeps, with the file attached whose totals are the database's for yesterday and for last week (orders
 * moved into those periods by SQL, one just outside); a colleague cannot stop someone else's subscription, the owner
 * can; buyers cannot subscribe.
 */
class ScheduledReportsIT {

    private static final String PASSWORD = "sched-pass-1";
    private static final String FINANCE = "ledger@sched.test";
    private static final String COLLEAGUE = "books@sched.test";
    private static final String BUYER = "buyer@sched.test";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static PayaraMicroNode node;
    private static String buyerToken;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        int http = PayaraMicroNode.freePort();
        int hz = PayaraMicroNode.freePort();
        shop = fixtures.tenant("sched", "http://127.0.0.1:" + http);
        node = storefrontNode("sched1", http, hz, List.of(hz), "sched-" + ProcessHandle.current().pid(), Map.of());
        node.awaitReady(URI.create(base() + "api/events"), Duration.ofMinutes(4));
        fixtures.user(shop, FINANCE, PASSWORD, "finance");
        fixtures.user(shop, COLLEAGUE, PASSWORD, "finance");
        fixtures.user(shop, BUYER, PASSWORD);
        buyerToken = fixtures.token(shop, BUYER, PASSWORD);
        seed();
    }

    @AfterAll
    static void stop() {
        stopAll(fixtures, node);
    }

    /**
     * Paid orders in euros and yuan, moved by SQL: two into yesterday (one a minute before midnight), one a minute
     * into today (in no report), two into last week (one on its Monday just after midnight); the rest stay today.
     */
    private static void seed() throws Exception {
        CatalogFixtures catalog = new CatalogFixtures(ClusterTestSupport.DB, shop.tenant());
        long hall = catalog.venue("Philharmonie", "Berlin", "DE", BERLIN);
        long gala = catalog.eventOnSale(hall, "Gala", "Classical", OffsetDateTime.now(ZoneOffset.UTC).plusDays(20), "EUR",
                "Stalls", 5000, "Balcony", 2000);
        long stalls = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Stalls'");
        long balcony = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + gala + " AND name = 'Balcony'");
        long festival = catalog.eventOnSale(hall, "春节晚会", "Festival", OffsetDateTime.now(ZoneOffset.UTC).plusDays(40), "CNY", "贵宾", 88000);
        long vip = queryLong("SELECT id FROM " + schema() + ".ticket_type WHERE event_id = " + festival);
        sql("UPDATE " + schema() + ".ticket_type SET max_per_order = 10");

        LocalDate today = LocalDate.now(BERLIN);
        LocalDate yesterday = today.minusDays(1);
        LocalDate lastMonday = today.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY)).minusDays(6);
        paidAt(pay(order("Jörg Müßig", stalls, 2)), yesterday.atTime(12, 0));
        paidAt(pay(order("张伟", vip, 1)), yesterday.atTime(23, 59));
        paidAt(pay(order("Émile Zola", balcony, 3)), today.atTime(0, 1));
        paidAt(pay(order("李娜", vip, 2)), lastMonday.atTime(0, 1));
        paidAt(pay(order("Ολυμπία Παπαδοπούλου", stalls, 1)), lastMonday.plusDays(3).atTime(18, 30));
        pay(order("Today Only", balcony, 1));
    }

    @Test
    void aFinanceUserSubscribesInThePageAndEachReportArrivesOnceWithTheDatabasesTotals() throws Exception {
        WebDriver browser = signedInBrowser(FINANCE);
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            browser.get(base() + "manage/finance/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("subscribe")));
            assertThat(browser.findElement(By.id("no-subscriptions")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("subscribe-hint")).getText()).contains(FINANCE).contains("Europe/Berlin");

            // daily PDF (the defaults), then weekly XLSX
            browser.findElement(By.id("subscribe-button")).click();
            wait.until(d -> d.getCurrentUrl().contains("subscription=added"));
            assertThat(browser.findElement(By.id("subscription-outcome")).getText()).contains("will come by e-mail");
            browser.findElement(By.id("frequency-weekly")).click();
            browser.findElement(By.id("subscription-xlsx")).click();
            browser.findElement(By.id("subscribe-button")).click();
            wait.until(d -> d.getCurrentUrl().contains("subscription=added") && d.findElements(By.cssSelector("#my-subscriptions li")).size() == 2);
            assertThat(browser.findElement(By.id("my-subscriptions")).getText()).contains("Daily, PDF").contains("Weekly, XLSX")
                    .contains("All sales");

            // the same again is the same subscription
            browser.findElement(By.id("subscribe-button")).click();
            wait.until(d -> d.getCurrentUrl().contains("subscription=exists"));
            assertThat(browser.findElements(By.cssSelector("#my-subscriptions li"))).hasSize(2);
            assertThat(queryLong("SELECT count(*) FROM " + schema() + ".report_subscription")).isEqualTo(2);

            Axe.assertClean(browser, "finance-subscriptions");
            Keyboard.assertFocusVisible(browser, "finance-subscriptions");
            browser.manage().window().setSize(new Dimension(390, 844));
            Axe.assertClean(browser, "finance-subscriptions-390");
            assertThat(browser.findElement(By.id("subscribe-button")).getRect().getX()
                    + browser.findElement(By.id("subscribe-button")).getRect().getWidth()).as("fits a phone").isLessThanOrEqualTo(390);
            browser.manage().window().setSize(new Dimension(1280, 800));
        } finally {
            browser.quit();
        }
        assertThat(queryText("SELECT string_agg(to_char(next_run_at AT TIME ZONE 'Europe/Berlin', 'HH24:MI'), ',') FROM "
                + schema() + ".report_subscription")).isEqualTo("06:00,06:00");

        // due now: the next sweep (each minute) queues both, the relay mails them
        sql("UPDATE " + schema() + ".report_subscription SET next_run_at = now()");
        MailServer mail = MailServer.shared();
        List<MimeMessage> mails = mail.await(m -> MailServer.recipients(m).contains(FINANCE), 2, Duration.ofSeconds(150));
        LocalDate today = LocalDate.now(BERLIN);
        LocalDate yesterday = today.minusDays(1);
        LocalDate sunday = today.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        LocalDate monday = sunday.minusDays(6);

        MimeMessage daily = mails.stream().filter(m -> attachment(m, "application/pdf") != null).findFirst().orElseThrow();
        assertThat(daily.getSubject()).contains(shop.tenant().displayName());
        String dailyText = NotificationsIT.parts(daily).get("text/plain");
        assertThat(dailyText).contains("daily sales report").contains("Europe/Berlin");
        Attachment pdf = attachment(daily, "application/pdf");
        assertThat(pdf.fileName()).isEqualTo("sales-" + slug() + "-" + yesterday + "-" + yesterday + ".pdf");
        String pdfText;
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            pdfText = new PDFTextStripper().getText(document);
        }
        for (String currency : List.of("EUR", "CNY")) {
            Totals sql = totals(currency, yesterday, yesterday);
            assertThat(sql.orders).as("an order of yesterday in %s", currency).isEqualTo(1);
            assertThat(dailyText).contains("Net " + money(sql.net(), currency)).contains("Gross " + money(sql.gross, currency));
            assertThat(pdfText).contains(number(sql.net(), currency));
        }
        assertThat(pdfText).contains("张伟").contains("Jörg Müßig").doesNotContain("Émile Zola").doesNotContain("Today Only");

        MimeMessage weekly = mails.stream().filter(m -> m != daily).findFirst().orElseThrow();
        String weeklyText = NotificationsIT.parts(weekly).get("text/plain");
        assertThat(weeklyText).contains("weekly sales report");
        Attachment xlsx = attachment(weekly, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx).as("the XLSX is attached").isNotNull();
        assertThat(xlsx.fileName()).isEqualTo("sales-" + slug() + "-" + monday + "-" + sunday + ".xlsx");
        String sheets = sheetXml(xlsx.bytes());
        for (String currency : List.of("EUR", "CNY")) {
            Totals sql = totals(currency, monday, sunday);
            if (sql.orders > 0) {
                assertThat(weeklyText).contains("Net " + money(sql.net(), currency));
                assertThat(sheets).as("the week's net in %s, a number in the sheet", currency)
                        .containsPattern("<v>" + cell(sql.net(), currency) + "</v>");
            }
        }
        assertThat(weeklyText).containsPattern("Net .*\\d").contains("The whole report is attached");

        // each once: the next runs are tomorrow's and next Monday's 06:00 Berlin time, and later sweeps send nothing more
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".report_subscription WHERE next_run_at > now()")).isEqualTo(2);
        assertThat(queryText("SELECT to_char(next_run_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') FROM " + schema()
                + ".report_subscription WHERE frequency = 'WEEKLY'"))
                .isEqualTo(ZonedDateTime.now(BERLIN).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)) + " 06:00");
        long sweepsPassed = System.nanoTime();

        // meanwhile: a colleague with the same role cannot stop it; a buyer cannot subscribe; the owner stops one
        String dailyId = queryText("SELECT id FROM " + schema() + ".report_subscription WHERE frequency = 'DAILY'");
        assertThat(post(COLLEAGUE, "manage/finance/subscriptions/" + dailyId + "/cancel", "").statusCode()).isEqualTo(404);
        assertThat(post(COLLEAGUE, "manage/finance/subscriptions/not-an-id/cancel", "").statusCode()).isEqualTo(404);
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".report_subscription WHERE id = '" + dailyId + "'")).isEqualTo(1);
        assertThat(post(BUYER, "manage/finance/subscriptions", "frequency=daily&format=pdf&zone=UTC").statusCode()).isEqualTo(403);
        assertThat(post(COLLEAGUE, "manage/finance/subscriptions", "frequency=daily&format=csv&zone=UTC").headers()
                .firstValue("Location").orElseThrow()).as("CSV is not mailed").contains("subscription=invalid");

        WebDriver owner = signedInBrowser(FINANCE);
        try {
            var wait = new WebDriverWait(owner, Duration.ofSeconds(30)).ignoring(WebDriverException.class);
            owner.get(base() + "manage/finance/index.xhtml");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-subscriptions")));
            owner.findElement(By.cssSelector("li[data-id='" + dailyId + "'] .cancel-subscription")).click();
            wait.until(d -> d.getCurrentUrl().contains("subscription=cancelled"));
            assertThat(owner.findElements(By.cssSelector("#my-subscriptions li"))).hasSize(1);
            assertThat(owner.findElement(By.id("my-subscriptions")).getText()).contains("Weekly, XLSX").doesNotContain("Daily");
        } finally {
            owner.quit();
        }
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".report_subscription WHERE id = '" + dailyId + "'")).isZero();
        assertThat(queryText("SELECT string_agg(action, ',' ORDER BY id) FROM " + schema() + ".staff_audit WHERE action LIKE 'report.%subscribed'"))
                .isEqualTo("report.subscribed,report.subscribed,report.unsubscribed");

        // a whole sweep later than the mails: still one each, sent once, about no order
        long waited = Duration.ofNanos(System.nanoTime() - sweepsPassed).toMillis();
        Thread.sleep(Math.max(0, 65_000 - waited));
        assertThat(mail.to(FINANCE)).hasSize(2);
        assertThat(queryLong("SELECT count(*) FROM " + schema() + ".outbox WHERE topic = 'report.scheduled'")).isEqualTo(2);
        assertThat(queryText("SELECT string_agg(status || '/' || attempts || '/' || coalesce(order_id::text, 'none'), ',') FROM "
                + schema() + ".notification WHERE kind = 'SCHEDULED_REPORT'")).isEqualTo("SENT/1/none,SENT/1/none");
    }

    // --- helpers

    private record Totals(long orders, long gross, long discount, long refunded) {
        long net() {
            return gross - discount - refunded;
        }
    }

    /** Paid orders of {@code from}..{@code to} (Berlin days) in a currency, summed at the order level. */
    private static Totals totals(String currency, LocalDate from, LocalDate to) {
        String where = " FROM " + schema() + ".customer_order WHERE currency = '" + currency + "' AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')"
                + " AND paid_at >= '" + from.atStartOfDay(BERLIN).toInstant() + "' AND paid_at < '" + to.plusDays(1).atStartOfDay(BERLIN).toInstant() + "'";
        return new Totals(queryLong("SELECT count(*)" + where), queryLong("SELECT coalesce(sum(subtotal_minor), 0)" + where),
                queryLong("SELECT coalesce(sum(discount_minor), 0)" + where), queryLong("SELECT coalesce(sum(refunded_minor), 0)" + where));
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).format(Locale.ENGLISH);
    }

    /** The amount as a PDF shows it beside its currency: 1,234.50. */
    private static String number(long minor, String currency) {
        return String.format(Locale.ENGLISH, "%,.2f", Money.ofMinor(minor, currency).amount());
    }

    /** A pattern of the amount as a spreadsheet cell stores the number: 1234.5 or 1234.50 for 1234.50, 150 or 150.0 for 150.00. */
    private static String cell(long minor, String currency) {
        String plain = Money.ofMinor(minor, currency).amount().stripTrailingZeros().toPlainString();
        return java.util.regex.Pattern.quote(plain) + (plain.contains(".") ? "0*" : "(\\.0*)?");
    }

    private static void paidAt(String orderId, java.time.LocalDateTime berlinTime) {
        sql("UPDATE " + schema() + ".customer_order SET paid_at = '" + berlinTime.atZone(BERLIN).toInstant() + "' WHERE id = '" + orderId + "'");
    }

    private record Attachment(String fileName, byte[] bytes) {
    }

    private static Attachment attachment(MimeMessage m, String type) {
        try {
            if (m.getContent() instanceof Multipart mixed) {
                for (int i = 0; i < mixed.getCount(); i++) {
                    BodyPart part = mixed.getBodyPart(i);
                    if (part.getContentType().toLowerCase(Locale.ROOT).startsWith(type) && Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                        return new Attachment(part.getFileName(), part.getInputStream().readAllBytes());
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every worksheet's XML of an XLSX, one after the other. */
    private static String sheetXml(byte[] xlsx) throws Exception {
        StringBuilder xml = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().startsWith("xl/worksheets/") && entry.getName().endsWith(".xml")) {
                    xml.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(xml).as("an XLSX with worksheets").isNotEmpty();
        return xml.toString();
    }

    private static String order(String name, long type, int quantity) throws Exception {
        return PaidOrders.order(node, shop, buyerToken, BUYER, name, List.of(new PaidOrders.Line(type, quantity)), null);
    }

    private static String pay(String orderId) throws Exception {
        return PaidOrders.pay(node, shop, orderId);
    }

    private static HttpResponse<String> post(String email, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", session(email)).header("Accept-Language", "en")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String session(String email) {
        return PaidOrders.session(node, shop, email, PASSWORD);
    }

    private static WebDriver signedInBrowser(String email) {
        return PaidOrders.signedIn(node, shop, email, PASSWORD);
    }

    private static String base() {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + slug() + "/";
    }

    private static String slug() {
        return shop.tenant().slug().value();
    }

    private static String schema() {
        return shop.tenant().schemaName();
    }
}
