package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportReads;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesLedger;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesSummary;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A report for a mail is kept in memory up to the mail's limit, and left out (not failed) above it. */
class SalesReportsForMailTest {

    private static final Tenant SHOP = new Tenant(1, new TenantSlug("acme"), "Acme Live", TenantStatus.ACTIVE,
            new Branding(null, "#aa3300", null), List.of("tickets.acme.test"), "boss@acme.test");
    private static final SalesFilter YESTERDAY = new SalesFilter(LocalDate.of(2027, 3, 28), LocalDate.of(2027, 3, 28),
            ZoneId.of("Europe/Berlin"), List.of(), List.of(), null);
    private static final SalesSummary SUMMARY = new SalesSummary(List.of(new SalesFigures("EUR", 2, 3, 0, 15000, 0, 0)),
            List.of(), List.of(), List.of(), List.of(), List.of(), 2, 3);

    /** A writer that writes {@code bytes} bytes in chunks of 1000 and records how many it got rid of. */
    private static final class SizedWriter implements SalesReportWriter {
        final int bytes;
        final boolean wrapsErrors;
        int written;

        SizedWriter(int bytes, boolean wrapsErrors) {
            this.bytes = bytes;
            this.wrapsErrors = wrapsErrors;
        }

        @Override
        public void write(io.ticketing.platform.domain.report.SalesReport report, ReportFormat format, Locale locale,
                          java.util.Iterator<SalesLine> lines, OutputStream out) throws IOException {
            try {
                for (int done = 0; done < bytes; done += 1000) {
                    out.write(new byte[Math.min(1000, bytes - done)]);
                    written += Math.min(1000, bytes - done);
                }
            } catch (IOException e) {
                if (wrapsErrors) {
                    throw new IllegalStateException("export failed", e); // as a library wraps a stream's refusal
                }
                throw e;
            }
        }
    }

    @Test
    void aReportWithinTheLimitIsKeptWhole() throws Exception {
        SalesReports.MailedReport mailed = forMail(new SizedWriter(25_000, false), 30_000);
        assertThat(mailed.file()).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(25_000));
        assertThat(mailed.report().summary().totals().get(0).netMinor()).isEqualTo(15000);
    }

    @Test
    void aReportOverTheLimitIsLeftOutWithItsFiguresAndNoMoreThanTheLimitWasHeld() throws Exception {
        SizedWriter writer = new SizedWriter(5_000_000, false);
        SalesReports.MailedReport mailed = forMail(writer, 30_000);
        assertThat(mailed.file()).isEmpty();
        assertThat(mailed.report().summary().totals()).hasSize(1);
        assertThat(writer.written).as("writing stopped at the limit").isLessThanOrEqualTo(30_000);
        // a writer that wraps the refusal in its own exception is still "too large", not a failure
        assertThat(forMail(new SizedWriter(5_000_000, true), 30_000).file()).isEmpty();
        assertThat(forMail(new SizedWriter(30_000, true), 30_000).file()).as("exactly the limit fits").isPresent();
    }

    @Test
    void aWriterFailingForAnotherReasonFailsTheMailSoTheRelayTriesAgain() {
        SalesReportWriter broken = (report, format, locale, lines, out) -> {
            throw new IOException("font missing");
        };
        assertThatThrownBy(() -> forMail(broken, 30_000)).isInstanceOf(IOException.class).hasMessage("font missing");
        SalesReportWriter crashing = (report, format, locale, lines, out) -> {
            throw new IllegalStateException("layout broken");
        };
        assertThatThrownBy(() -> forMail(crashing, 30_000)).isInstanceOf(IllegalStateException.class);
    }

    private static SalesReports.MailedReport forMail(SalesReportWriter writer, int limit) throws IOException {
        ReportReads reads = new ReportReads() {
            @Override
            public <T> T read(Function<ReadSource, T> work) {
                return work.apply(ReadSource.PRIMARY);
            }
        };
        SalesReports reports = new SalesReports(reads, new OneDayLedger(), writer, null, null, null, 2000, 24);
        try {
            return TenantContext.callAs(SHOP, () -> {
                try {
                    return reports.forMail(YESTERDAY, ReportFormat.PDF, Locale.ENGLISH, limit);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The figures of one day, and no lines (the writers here make up their bytes). */
    private static final class OneDayLedger implements SalesLedger {
        @Override
        public SalesSummary summary(SalesFilter filter) {
            return SUMMARY;
        }

        @Override
        public long orders(SalesFilter filter) {
            return SUMMARY.orders();
        }

        @Override
        public Stream<SalesLine> lines(SalesFilter filter) {
            return Stream.empty();
        }

        @Override
        public Instant dataAsOf() {
            return Instant.parse("2027-03-29T05:00:00Z");
        }

        @Override
        public List<String> eventNames(List<Long> ids) {
            return List.of();
        }

        @Override
        public List<String> ticketTypeNames(List<Long> ids) {
            return List.of();
        }

        @Override
        public List<Choice> events() {
            return List.of();
        }

        @Override
        public List<Choice> ticketTypes() {
            return List.of();
        }

        @Override
        public List<String> paymentMethods() {
            return List.of();
        }

        @Override
        public ZoneId shopZone() {
            return ZoneId.of("Europe/Berlin");
        }
    }
}
