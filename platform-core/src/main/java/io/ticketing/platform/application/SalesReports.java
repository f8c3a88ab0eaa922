package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportJob;
import io.ticketing.platform.domain.report.ReportJobs;
import io.ticketing.platform.domain.report.ReportReads;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesLedger;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.json.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The finance team's sales reports: the figures for the page, a report written at once while the reader waits,
 * or, above {@code ticketing.reports.background-above} orders, a background job that one node makes and keeps for
 * {@code ticketing.reports.keep-hours}. Figures and lines are read in one read-only snapshot ({@link ReportReads},
 * on the replica when there is one); jobs and files live in the shop's own schema, and a job belongs to the
 * person who asked for it.
 */
@ApplicationScoped
public class SalesReports {

    private static final Logger LOG = Logger.getLogger(SalesReports.class.getName());
    /** A running job not heard of for this long was left by a stopped node: another takes it over. */
    static final Duration STALE = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 3;
    /** How often a running job writes its progress (and so its heartbeat), in rows. */
    static final int PROGRESS_EVERY = 2000;

    @Inject
    BusinessMetrics metrics;

    @Inject
    ReportReads reads;
    @Inject
    SalesLedger ledger;
    /** An Instance: the operator WAR bundles no reporting module, and so no writer, and must still deploy. */
    @Inject
    jakarta.enterprise.inject.Instance<SalesReportWriter> writers;
    private SalesReportWriter writer;
    @Inject
    ReportJobs jobs;
    @Inject
    TenantTransactions transactions;
    @Inject
    StaffAuditLog audit;
    /** Null when hand-wired (tests, the benchmark): reports then show the logo URL only. */
    @Inject
    ShopBranding branding;
    @Inject
    @ConfigProperty(name = "ticketing.reports.background-above", defaultValue = "2000")
    long backgroundAbove;
    @Inject
    @ConfigProperty(name = "ticketing.reports.keep-hours", defaultValue = "24")
    long keepHours;

    Clock clock = Clock.systemUTC();

    public SalesReports() {
    }

    /** For hand wiring outside a container (tests, the benchmark). */
    public SalesReports(ReportReads reads, SalesLedger ledger, SalesReportWriter writer, ReportJobs jobs,
                        TenantTransactions transactions, StaffAuditLog audit, long backgroundAbove, long keepHours) {
        this.reads = reads;
        this.ledger = ledger;
        this.writer = writer;
        this.jobs = jobs;
        this.transactions = transactions;
        this.audit = audit;
        this.backgroundAbove = backgroundAbove;
        this.keepHours = keepHours;
        this.metrics = new BusinessMetrics(); // no registry: counts nothing
    }

    /** What the filter form offers, and the zone a report's days are counted in unless the reader picks another. */
    public record FilterChoices(List<SalesLedger.Choice> events, List<SalesLedger.Choice> ticketTypes,
                                List<String> paymentMethods, ZoneId shopZone) {
    }

    public FilterChoices choices() {
        return reads.read(source -> new FilterChoices(ledger.events(), ledger.ticketTypes(), ledger.paymentMethods(), ledger.shopZone()));
    }

    /** The time zone a report's days are counted in unless the reader picks another: most of the shop's events'. */
    public ZoneId shopZone() {
        return reads.read(source -> ledger.shopZone());
    }

    /** The report's figures without its lines: what the finance page shows. */
    public SalesReport summary(SalesFilter filter) {
        return reads.read(source -> report(filter, source));
    }

    /** Whether this filter makes a report too large to write while the reader waits. */
    public boolean needsBackground(SalesFilter filter) {
        return reads.read(source -> ledger.orders(filter)) > backgroundAbove;
    }

    public long backgroundAbove() {
        return backgroundAbove;
    }

    /** Writes the report now, to {@code out}; whoever downloads it is recorded in the shop's audit log. */
    public void write(StaffAuditLog.Actor reader, SalesFilter filter, ReportFormat format, Locale locale, OutputStream out)
            throws IOException {
        transactions.run(() -> audit.add(reader, "report.downloaded", describe(filter, format)));
        write(filter, format, locale, out, new Progress() { });
    }

    /** What a report being written tells whoever waits for it: its figures once read, then its lines written so far. */
    private interface Progress {
        default void started(SalesReport report) {
        }

        /** Called every {@link #PROGRESS_EVERY} lines. */
        default void rows(long written) {
        }
    }

    /** The one way a report is written: figures and lines in one snapshot, the lines streamed from the cursor. */
    private void write(SalesFilter filter, ReportFormat format, Locale locale, OutputStream out, Progress progress)
            throws IOException {
        try {
            reads.read(source -> {
                SalesReport report = report(filter, source);
                progress.started(report);
                try (Stream<SalesLine> lines = ledger.lines(filter)) {
                    writer().write(report, format, locale, counting(lines.iterator(), progress), out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private SalesReportWriter writer() {
        if (writer == null) {
            if (writers == null || !writers.isResolvable()) {
                throw new IllegalStateException("This application writes no reports: it does not bundle the reporting module");
            }
            writer = writers.get();
        }
        return writer;
    }

    /** A report for a mail: its figures, and its file when that is at most the size a mail may carry. */
    public record MailedReport(SalesReport report, Optional<byte[]> file) {
    }

    /**
     * Writes the report into memory, for a mail, in one snapshot with its figures. Writing stops as soon as the
     * file grows past {@code maxBytes}: the file is then left out (the mail links to the finance page instead),
     * and no more than {@code maxBytes} of it was ever held.
     */
    public MailedReport forMail(SalesFilter filter, ReportFormat format, Locale locale, int maxBytes) throws IOException {
        CappedBuffer file = new CappedBuffer(maxBytes);
        SalesReport[] report = new SalesReport[1];
        try {
            write(filter, format, locale, file, new Progress() {
                @Override
                public void started(SalesReport figures) {
                    report[0] = figures;
                }
            });
        } catch (IOException | RuntimeException e) {
            if (!file.overflowed) {
                throw e;
            }
            // the writer may wrap the refusal in its own exception: the buffer says what happened
        }
        return new MailedReport(report[0], file.overflowed ? Optional.empty() : Optional.of(file.toByteArray()));
    }

    /** Bytes in memory up to a limit; one more and it refuses the write, and remembers that it did. */
    private static final class CappedBuffer extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes;
        private final int limit;
        boolean overflowed;

        CappedBuffer(int limit) {
            this.bytes = new java.io.ByteArrayOutputStream(Math.min(limit, 64 * 1024));
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            bytes.write(b, off, len);
        }

        private void check(int more) throws IOException {
            if (overflowed || (long) bytes.size() + more > limit) {
                overflowed = true;
                throw new IOException("The report is larger than " + limit + " bytes");
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private SalesReport report(SalesFilter filter, ReadSource source) {
        Tenant shop = TenantContext.require();
        byte[] uploaded = branding == null ? null
                : branding.logo(shop.branding().logoSha256()).map(ShopBranding.Logo::content).orElse(null);
        return new SalesReport(shop.displayName(), shop.branding().logoUrl(), uploaded, shop.branding().primaryColor(), filter,
                ledger.eventNames(filter.eventIds()), ledger.ticketTypeNames(filter.ticketTypeIds()), clock.instant(),
                ledger.dataAsOf(), source, ledger.summary(filter));
    }

    private static Iterator<SalesLine> counting(Iterator<SalesLine> lines, Progress progress) {
        return new Iterator<>() {
            long rows;

            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public SalesLine next() {
                SalesLine line = lines.next();
                if (++rows % PROGRESS_EVERY == 0) {
                    progress.rows(rows);
                }
                return line;
            }
        };
    }

    // --- background jobs

    /** Queues a report for the background; any node picks it up within a few seconds. */
    public ReportJob request(StaffAuditLog.Actor reader, SalesFilter filter, ReportFormat format, Locale locale) {
        UUID id = UUID.randomUUID();
        return transactions.inTransaction(() -> {
            jobs.insert(id, reader.subject(), format, locale.toLanguageTag(), toJson(filter),
                    clock.instant().plus(Duration.ofHours(keepHours)));
            audit.add(reader, "report.requested", describe(filter, format));
            return jobs.find(id, reader.subject()).orElseThrow();
        });
    }

    /** The job, if {@code subject} asked for it (anyone else, in this shop or another, is told it does not exist). */
    public Optional<ReportJob> job(UUID id, String subject) {
        return transactions.inTransaction(() -> jobs.find(id, subject));
    }

    public List<ReportJob> recentJobs(String subject) {
        return transactions.inTransaction(() -> jobs.recent(subject, 10));
    }

    /** Copies a ready job's file to {@code out}; false if there is no such ready job of {@code reader}'s. */
    public boolean download(StaffAuditLog.Actor reader, UUID id, OutputStream out) throws IOException {
        Optional<ReportJob> job = job(id, reader.subject());
        if (job.isEmpty() || job.get().status() != ReportJob.Status.READY) {
            return false;
        }
        try {
            transactions.run(() -> {
                audit.add(reader, "report.downloaded", job.get().format() + " " + job.get().fileName());
                try {
                    jobs.copyFile(id, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return true;
    }

    /**
     * Claims the shop's next queued job (or one a stopped node left) and makes it here; false when there was none.
     * The file is written to a temporary file first and then stored in the shop's schema, so neither the report
     * nor its file is ever held whole in memory.
     */
    public boolean runNextJob(String node) {
        Optional<ReportJob> claimed = transactions.inTransaction(() -> jobs.claim(node, STALE, MAX_ATTEMPTS));
        if (claimed.isEmpty()) {
            return false;
        }
        ReportJob job = claimed.get();
        Path file = null;
        try {
            SalesFilter filter = fromJson(job.filterJson());
            long[] total = new long[1];
            file = Files.createTempFile("sales-report-", "." + job.format().extension());
            try (OutputStream out = Files.newOutputStream(file)) {
                write(filter, job.format(), Locale.forLanguageTag(job.locale()), out, new Progress() {
                    @Override
                    public void started(SalesReport report) {
                        total[0] = report.summary().lines();
                        rows(0);
                    }

                    @Override
                    public void rows(long written) {
                        if (!transactions.inTransaction(() -> jobs.progress(job.id(), node, total[0], written))) {
                            throw new JobTakenOver();
                        }
                    }
                });
            }
            long bytes = Files.size(file);
            Path written = file;
            boolean stored = transactions.inTransaction(() -> {
                try (InputStream in = Files.newInputStream(written)) {
                    return jobs.complete(job.id(), node, fileName(filter, job.format()), bytes, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            LOG.info("Report " + job.id() + " of " + TenantContext.require().slug().value() + (stored ? " ready: " : " dropped (taken over): ")
                    + total[0] + " lines, " + bytes + " bytes");
            metrics.reportJob(stored ? "ready" : "taken_over");
        } catch (JobTakenOver e) {
            LOG.warning("Report " + job.id() + " was taken over by another node; this one stops making it");
            metrics.reportJob("taken_over");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Report " + job.id() + " failed", e);
            transactions.run(() -> jobs.fail(job.id(), node, e.getClass().getSimpleName() + ": " + e.getMessage()));
            metrics.reportJob("failed");
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temporary directory is cleaned by the system
                }
            }
        }
        return true;
    }

    /** Deletes jobs (and their files) past their expiry; returns how many. */
    public int deleteExpired() {
        return transactions.inTransaction(() -> jobs.deleteExpired(clock.instant()));
    }

    private static final class JobTakenOver extends RuntimeException {
        JobTakenOver() {
            super(null, null, false, false);
        }
    }

    /** {@code sales-<shop>-<from>-<to>.<ext>}: what the browser saves the file as. */
    public static String fileName(SalesFilter filter, ReportFormat format) {
        return "sales-" + TenantContext.require().slug().value() + "-" + filter.from() + "-" + filter.to() + "." + format.extension();
    }

    private static String describe(SalesFilter filter, ReportFormat format) {
        return format + " " + filter.from() + ".." + filter.to() + " " + filter.zone()
                + (filter.eventIds().isEmpty() ? "" : " events=" + filter.eventIds())
                + (filter.ticketTypeIds().isEmpty() ? "" : " types=" + filter.ticketTypeIds())
                + (filter.paymentMethod() == null ? "" : " method=" + filter.paymentMethod());
    }

    static String toJson(SalesFilter filter) {
        JsonObjectBuilder json = JsonFields.JSON.createObjectBuilder()
                .add("from", filter.from().toString())
                .add("to", filter.to().toString())
                .add("zone", filter.zone().getId());
        JsonArrayBuilder events = JsonFields.JSON.createArrayBuilder();
        filter.eventIds().forEach(events::add);
        JsonArrayBuilder types = JsonFields.JSON.createArrayBuilder();
        filter.ticketTypeIds().forEach(types::add);
        json.add("events", events).add("ticketTypes", types);
        if (filter.paymentMethod() != null) {
            json.add("paymentMethod", filter.paymentMethod());
        }
        return json.build().toString();
    }

    static SalesFilter fromJson(String text) {
        JsonObject json = JsonFields.parse(text);
        return new SalesFilter(LocalDate.parse(json.getString("from")), LocalDate.parse(json.getString("to")),
                ZoneId.of(json.getString("zone")),
                json.getJsonArray("events").getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList(),
                json.getJsonArray("ticketTypes").getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList(),
                json.getString("paymentMethod", null));
    }
}
