package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportJob;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProviderFactory;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.persistence.ReportDatabase;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
import io.ticketing.platform.testsupport.PlainSql;
import io.ticketing.platform.testsupport.SharedPostgres;
import io.ticketing.platform.testsupport.StreamingReplica;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sales reports on a real streaming replica: a hot standby of a PostgreSQL primary made from the same embedded
 * binaries ({@link StreamingReplica}), the core wired on the primary and {@link ReportDatabase} given the standby as
 * {@code ticketing.db.replica-url} would give it. Where a report's queries ran is read from the servers themselves
 * ({@code pg_stat_activity}, {@code pg_is_in_recovery()}), not taken from the report's word; its figures are
 * checked against sums taken on the primary.
 */
class ReplicaReportsIT {

    private static final String SHOP = "http://shop.test/";
    private static final String CLIENT = "192.0.2.20";
    private static final StaffAuditLog.Actor FINANCE = new StaffAuditLog.Actor("finance-1", "finance@shop.test");
    private static final String REPORT_SESSIONS = """
            SELECT state || ': ' || query, pg_is_in_recovery() FROM pg_stat_activity
             WHERE application_name = 'ticketing-reports' AND pid <> pg_backend_pid()""";

    private static EmbeddedPostgres primaryServer;
    private static DataSource primary;
    private static StreamingReplica standby;
    private static HazelcastInstance hazelcast;
    private static CoreServices core;
    private static Tenant shop;
    private static long standing;
    private static long seated;

    @BeforeAll
    static void start() throws IOException {
        // A primary of its own: the standby copies its data directory, holds a replication slot on it and is stopped
        // and started here; the shared server of the other tests need not carry any of that.
        primaryServer = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        primary = SharedPostgres.dataSource("jdbc:postgresql://127.0.0.1:" + primaryServer.getPort() + "/postgres",
                SharedPostgres.USER, SharedPostgres.PASSWORD);
        new TenantSchemas(primary).migratePlatform();
        hazelcast = LoopbackHazelcast.member("replica-reports-" + ThreadLocalRandom.current().nextInt(1_000_000));
        core = new CoreServices(primary, hazelcast);
        String slug = "replica-" + ThreadLocalRandom.current().nextInt(1_000_000);
        shop = new TenantProvisioning(new TenantRegistry(primary), new TenantSchemas(primary)).provision(
                new NewTenant(new TenantSlug(slug), "Replica " + slug, List.of(slug + ".tickets.test"), null));
        CatalogFixtures catalog = new CatalogFixtures(primary, shop);
        long venue = catalog.venue("Hall", "Hamburg", "DE", ZoneId.of("Europe/Berlin"));
        long event = catalog.eventOnSale(venue, "Night", "Jazz", OffsetDateTime.now().plusDays(20), "EUR",
                "Standing", 2500, "Seated", 4000);
        standing = PlainSql.count(primary, "SELECT min(id) FROM " + shop.schemaName() + ".ticket_type WHERE event_id = " + event);
        seated = PlainSql.count(primary, "SELECT max(id) FROM " + shop.schemaName() + ".ticket_type WHERE event_id = " + event);

        paidOrder("buyer-1", standing, 2);
        paidOrder("buyer-2", seated, 1);
        OrderView refunded = paidOrder("buyer-3", seated, 3);
        in(shop, () -> core.refunds.refund(refunded.id(),
                new RefundService.RefundRequest(List.of(), true, "refund-" + UUID.randomUUID(), "staff@shop.test", "ill")));

        standby = StreamingReplica.of(primary);
    }

    @AfterAll
    static void stop() throws IOException {
        if (standby != null) {
            standby.close();
        }
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
        if (primaryServer != null) {
            primaryServer.close();
        }
    }

    @Test
    void theSummaryIsReadOnTheStandbyAndEqualsThePrimarysSumsIncludingAnOrderPaidSinceItStarted() {
        SalesReports reports = core.salesReports(replicaReads(), new LineWriter(0));
        standby.waitForReplay();
        SalesReport before = in(shop, () -> reports.summary(today()));
        assertThat(before.source()).isEqualTo(ReadSource.REPLICA);
        assertThat(before.summary().totals()).containsExactly(primaryFigures());
        assertThat(before.summary().totals().get(0).refundedMinor()).as("the refund is counted").isEqualTo(12000);

        paidOrder("buyer-after-start", standing, 1);
        standby.waitForReplay();
        SalesReport after = in(shop, () -> reports.summary(today()));
        assertThat(after.source()).isEqualTo(ReadSource.REPLICA);
        assertThat(after.summary().orders()).isEqualTo(before.summary().orders() + 1);
        assertThat(after.summary().totals()).containsExactly(primaryFigures());
        assertThat(after.dataAsOf()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void whileAReportStreamsItsQueryRunsOnTheStandbyAndNotOnThePrimary() throws Exception {
        LineWriter writer = new LineWriter(1);
        SalesReports reports = core.salesReports(replicaReads(), writer);
        standby.waitForReplay();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> in(shop, () -> {
            try {
                reports.write(FINANCE, today(), ReportFormat.CSV, Locale.ENGLISH, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        List<String> onStandby;
        List<String> onPrimary;
        try {
            assertThat(writer.paused.await(30, TimeUnit.SECONDS)).as("the report reached its first line").isTrue();
            onStandby = reportSessions(standby.dataSource());
            onPrimary = reportSessions(primary);
        } finally {
            writer.resume.countDown();
        }
        writing.get(30, TimeUnit.SECONDS);

        assertThat(onStandby).as("the standby (in recovery) runs the report's detail query")
                .singleElement().asString().startsWith("true ").contains("FROM customer_order o").contains("ORDER BY o.paid_at");
        assertThat(onPrimary).as("the primary has no report session").isEmpty();
        assertThat(writer.source).isEqualTo(ReadSource.REPLICA);
        long lines = in(shop, () -> reports.summary(today())).summary().lines();
        assertThat(writer.lines).isEqualTo(lines).isGreaterThan(1);
        assertThat(file.toString(StandardCharsets.UTF_8).lines()).hasSize((int) lines);
    }

    @Test
    void aBackgroundJobReadsOnTheStandbyWhileItsProgressAndFileAreWrittenOnThePrimary() throws Exception {
        LineWriter writer = new LineWriter(1);
        SalesReports reports = core.salesReports(replicaReads(), writer);
        standby.waitForReplay();
        ReportJob requested = in(shop, () -> reports.request(FINANCE, today(), ReportFormat.CSV, Locale.GERMAN));
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> in(shop, () -> reports.runNextJob("node-a")));
        List<String> onStandby;
        List<String> onPrimary;
        try {
            assertThat(writer.paused.await(30, TimeUnit.SECONDS)).as("the job reached its first line").isTrue();
            onStandby = reportSessions(standby.dataSource());
            onPrimary = reportSessions(primary);
        } finally {
            writer.resume.countDown();
        }
        assertThat(running.get(30, TimeUnit.SECONDS)).as("a job was claimed").isTrue();
        assertThat(onStandby).singleElement().asString().startsWith("true ").contains("ORDER BY o.paid_at");
        assertThat(onPrimary).isEmpty();
        assertThat(writer.source).isEqualTo(ReadSource.REPLICA);

        // the job's row and file went to the primary: a write on the standby would have failed the job
        ReportJob job = in(shop, () -> reports.job(requested.id(), FINANCE.subject())).orElseThrow();
        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(ReportJob.Status.READY);
        assertThat(job.rowsTotal()).isEqualTo(writer.lines);
        String schema = shop.schemaName();
        assertThat(PlainSql.count(primary, "SELECT count(*) FROM " + schema + ".report_file_chunk WHERE job_id = '" + job.id() + "'"))
                .isEqualTo(1);
        ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
        assertThat(in(shop, () -> download(reports, job.id(), downloaded))).isTrue();
        assertThat(downloaded.toString(StandardCharsets.UTF_8).lines()).hasSize((int) writer.lines);

        standby.waitForReplay();
        assertThat(PlainSql.text(standby.dataSource(), "SELECT status FROM " + schema + ".report_job WHERE id = '" + job.id() + "'"))
                .as("the standby has the job only by replication").isEqualTo("READY");
        assertThatThrownBy(() -> PlainSql.run(standby.dataSource(), "UPDATE " + schema + ".report_job SET rows_done = 0"))
                .hasStackTraceContaining("read-only transaction");
    }

    @Test
    void withTheStandbyDownReportsReadThePrimaryAndSaySoWithinTheConnectTimeoutThenGoBackToIt() throws Exception {
        SalesReports reports = core.salesReports(replicaReads(), new LineWriter(0));
        Duration bound = Duration.ofSeconds(ReportDatabase.REPLICA_CONNECT_SECONDS).plusSeconds(2);
        long ordersWhileDown;
        standby.stop();
        try {
            long started = System.nanoTime();
            SalesReport summary = in(shop, () -> reports.summary(today()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("Summary with the standby stopped: " + took.toMillis() + " ms");
            assertThat(summary.source()).isEqualTo(ReadSource.PRIMARY_REPLICA_DOWN);
            assertThat(summary.summary().totals()).containsExactly(primaryFigures());
            assertThat(took).isLessThan(bound);

            LineWriter writer = new LineWriter(0);
            SalesReports writing = core.salesReports(replicaReads(), writer);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            in(shop, () -> {
                try {
                    writing.write(FINANCE, today(), ReportFormat.CSV, Locale.ENGLISH, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(writer.source).isEqualTo(ReadSource.PRIMARY_REPLICA_DOWN);
            assertThat(writer.lines).isEqualTo(summary.summary().lines());
            paidOrder("buyer-while-down", seated, 1);
            ordersWhileDown = summary.summary().orders() + 1;
        } finally {
            standby.start();
        }
        SalesReport back = in(shop, () -> reports.summary(today()));
        assertThat(back.source()).as("the next report reads the standby again").isEqualTo(ReadSource.REPLICA);
        assertThat(back.summary().orders()).as("the standby caught up with what was paid while it was down")
                .isEqualTo(ordersWhileDown);
        assertThat(back.summary().totals()).containsExactly(primaryFigures());
    }

    @Test
    void aReplicaThatAcceptsButNeverAnswersCostsAReportNoMoreThanTheConnectTimeout() throws Exception {
        // a hung server: the kernel completes the TCP handshake into the backlog, nobody ever answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ReportDatabase reads = new ReportDatabase(primary, ReportDatabase.replica(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres", SharedPostgres.USER, SharedPostgres.PASSWORD));
            SalesReports reports = core.salesReports(reads, new LineWriter(0));
            long started = System.nanoTime();
            SalesReport summary = in(shop, () -> reports.summary(today()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("Summary with a silent replica: " + took.toMillis() + " ms");
            assertThat(summary.source()).isEqualTo(ReadSource.PRIMARY_REPLICA_DOWN);
            assertThat(summary.summary().totals()).containsExactly(primaryFigures());
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(ReportDatabase.REPLICA_CONNECT_SECONDS).minusMillis(100))
                    .isLessThan(Duration.ofSeconds(ReportDatabase.REPLICA_CONNECT_SECONDS).plusSeconds(2));
        }
    }

    /** As a node with {@code ticketing.db.replica-url} set: the replica's connections made the way the node makes them. */
    private static ReportDatabase replicaReads() {
        return new ReportDatabase(primary, ReportDatabase.replica(standby.jdbcUrl(), SharedPostgres.USER, SharedPostgres.PASSWORD));
    }

    private static SalesFilter today() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new SalesFilter(today.minusDays(1), today.plusDays(1), ZoneOffset.UTC, List.of(), List.of(), null);
    }

    /** The shop's sales summed on the primary, the way finance would check them by hand. */
    private static SalesFigures primaryFigures() {
        try (Connection c = primary.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT count(DISTINCT o.id), sum(l.quantity), sum(l.refunded_quantity), sum(l.unit_price_minor * l.quantity),
                            sum(l.discount_minor), sum(l.refunded_minor)
                       FROM %s.customer_order o JOIN %<s.order_line l ON l.order_id = o.id
                      WHERE o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')""".formatted(shop.schemaName()))) {
            r.next();
            return new SalesFigures("EUR", r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** "true|false state: query" of each report session on {@code server} (true: the server is a standby). */
    private static List<String> reportSessions(DataSource server) {
        List<String> sessions = new ArrayList<>();
        try (Connection c = server.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(REPORT_SESSIONS)) {
            while (r.next()) {
                sessions.add(r.getBoolean(2) + " " + r.getString(1));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sessions;
    }

    private static boolean download(SalesReports reports, UUID id, OutputStream out) {
        try {
            return reports.download(FINANCE, id, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OrderView paidOrder(String buyer, long type, int quantity) {
        return in(shop, () -> {
            Hold hold = core.holds.place(new Requester(buyer, CLIENT), List.of(new HoldLine(type, quantity)));
            OrderView order = core.orders.place(new OrderService.Buyer(buyer, buyer + "@buyers.test", "Buyer " + buyer), CLIENT,
                    "key-" + UUID.randomUUID(), List.of(hold.id()), null, SHOP).order();
            byte[] paid = SandboxPaymentProvider.callbackBody("evt_" + UUID.randomUUID(), "payment.paid", order.paymentRef(),
                    order.total(), Instant.now());
            String secret = core.transactions.inTransaction(() -> core.providers.credentials(SandboxPaymentProvider.ID))
                    .get(SandboxPaymentProviderFactory.WEBHOOK_SECRET);
            assertThat(core.callbacks.receive(SandboxPaymentProvider.ID, Map.of(SandboxSignature.HEADER.toLowerCase(Locale.ROOT),
                    SandboxSignature.sign(secret, Instant.now(), paid)), paid).accepted()).isTrue();
            return order;
        });
    }

    private static <T> T in(Tenant tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private static void in(Tenant tenant, Runnable work) {
        TenantContext.runAs(tenant, work);
    }

    /**
     * The writer port as the test needs it: one text line per detail line, what the report said about its source, and
     * optionally a pause after {@code pauseAfter} lines until the test has looked at the servers.
     */
    private static final class LineWriter implements SalesReportWriter {

        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final int pauseAfter;
        volatile ReadSource source;
        volatile long lines;

        LineWriter(int pauseAfter) {
            this.pauseAfter = pauseAfter;
        }

        @Override
        public void write(SalesReport report, ReportFormat format, Locale locale, Iterator<SalesLine> detail, OutputStream out)
                throws IOException {
            source = report.source();
            long written = 0;
            while (detail.hasNext()) {
                SalesLine line = detail.next();
                out.write((line.orderNumber() + ";" + line.ticketType() + ";" + line.grossMinor() + "\n").getBytes(StandardCharsets.UTF_8));
                if (++written == pauseAfter) {
                    paused.countDown();
                    try {
                        if (!resume.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("The test never let the report go on");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
            lines = written;
        }
    }
}
