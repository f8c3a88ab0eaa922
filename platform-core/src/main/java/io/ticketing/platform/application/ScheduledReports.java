package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportFrequency;
import io.ticketing.platform.domain.report.ReportPeriod;
import io.ticketing.platform.domain.report.ReportSubscription;
import io.ticketing.platform.domain.report.ReportSubscriptions;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sales reports by e-mail, daily or weekly: a finance user subscribes to the report they are looking at (its events,
 * ticket types and payment method; PDF or XLSX), sees and cancels their own. A sweep on every node queues the due
 * ones: one {@code report.scheduled} outbox event per subscription and period, and the next run at 06:00 local time
 * ({@link ReportFrequency#SEND_AT}). The report itself is made when the mail is sent ({@link #mail}), so a retry sends
 * the figures as they are then, and an outage of the mail server costs no stored files.
 */
@ApplicationScoped
public class ScheduledReports {

    public static final String TOPIC = "report.scheduled";
    /** Enough for every report a person reads; a script subscribing in a loop stops here. */
    static final int MAX_PER_SUBSCRIBER = 20;

    @Inject
    ReportSubscriptions subscriptions;
    @Inject
    SalesReports reports;
    @Inject
    Outbox outbox;
    @Inject
    TenantTransactions transactions;
    @Inject
    StaffAuditLog audit;
    /**
     * The largest file a mail carries. Base64 makes it a third larger on the wire, so 10 MiB stays under the 20-25 MB
     * that common mail servers accept; a larger report is linked instead.
     */
    @Inject
    @ConfigProperty(name = "ticketing.reports.mail-max-bytes", defaultValue = "10485760")
    int mailMaxBytes;

    Clock clock = Clock.systemUTC();

    /** A subscription, and whether it is new ({@code false}: the reader already had this very one). */
    public record Subscribed(ReportSubscription subscription, boolean added) {
    }

    /**
     * Subscribes {@code reader} (mail to {@code email}) to {@code criteria}'s report without its dates: the events,
     * ticket types and payment method, the days counted in its zone. Only PDF and XLSX: a mail's reader opens those.
     */
    public Subscribed subscribe(StaffAuditLog.Actor reader, String email, ReportFrequency frequency, ReportFormat format,
                                Locale locale, SalesFilter criteria, String shopUrl) {
        if (frequency == null) {
            throw new InvalidFieldException("frequency", "Choose daily or weekly.");
        }
        if (format != ReportFormat.PDF && format != ReportFormat.XLSX) {
            throw new InvalidFieldException("format", "Choose PDF or XLSX.");
        }
        if (email == null || email.isBlank() || email.length() > 254) {
            throw new InvalidFieldException("email", "Your account has no e-mail address to send reports to.");
        }
        Instant now = clock.instant();
        ReportSubscription wanted = new ReportSubscription(UUID.randomUUID(), reader.subject(), email.strip(), frequency, format,
                locale.toLanguageTag(), criteria.zone(), criteria.eventIds(), criteria.ticketTypeIds(), criteria.paymentMethod(),
                shopUrl, frequency.nextRunAfter(now, criteria.zone()), now);
        return transactions.inTransaction(() -> {
            Optional<ReportSubscription> same = subscriptions.same(wanted);
            if (same.isPresent()) {
                return new Subscribed(same.get(), false);
            }
            if (subscriptions.of(reader.subject()).size() >= MAX_PER_SUBSCRIBER) {
                throw new InvalidFieldException("subscriptions", "You have " + MAX_PER_SUBSCRIBER + " reports by e-mail already.");
            }
            if (!subscriptions.insert(wanted)) {
                // subscribed in another tab in the same moment
                return new Subscribed(subscriptions.same(wanted).orElseThrow(), false);
            }
            audit.add(reader, "report.subscribed", describe(wanted));
            return new Subscribed(wanted, true);
        });
    }

    /** The reader's own subscriptions, oldest first. */
    public List<ReportSubscription> mine(String subject) {
        return transactions.inTransaction(() -> subscriptions.of(subject));
    }

    /** Cancels a subscription of the reader's; false when they have none of that id (anyone else's included). */
    public boolean cancel(StaffAuditLog.Actor reader, UUID id) {
        return transactions.inTransaction(() -> {
            Optional<ReportSubscription> found = subscriptions.find(id).filter(s -> s.subject().equals(reader.subject()));
            if (found.isEmpty() || !subscriptions.delete(id, reader.subject())) {
                return false;
            }
            audit.add(reader, "report.unsubscribed", describe(found.get()));
            return true;
        });
    }

    /**
     * Queues the current shop's due reports, at most {@code limit}, and returns how many. The rows stay locked until
     * the events are written and the next runs set (SKIP LOCKED: another node's sweep passes them by), so each run
     * is queued once.
     */
    public int queueDue(int limit) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            List<ReportSubscription> due = subscriptions.claimDue(now, limit);
            for (ReportSubscription s : due) {
                ReportPeriod period = s.frequency().periodBefore(LocalDate.ofInstant(now, s.zone()));
                SalesFilter filter = s.filter(period);
                JsonObject payload = JsonFields.JSON.createObjectBuilder(JsonFields.parse(SalesReports.toJson(filter)))
                        .add("subscriptionId", s.id().toString())
                        .add("frequency", s.frequency().name())
                        .add("format", s.format().name())
                        .build();
                outbox.add(TOPIC, payload.toString());
                subscriptions.reschedule(s.id(), s.frequency().nextRunAfter(now, s.zone()));
            }
            return due.size();
        });
    }

    /** The subscription a queued report is for, if it still exists (in the current tenant transaction). */
    public Optional<ReportSubscription> subscriptionOf(JsonObject payload) {
        return subscriptions.find(UUID.fromString(payload.getString("subscriptionId")));
    }

    /** What a scheduled report's mail shows ({@code report} in its template) and carries. */
    public record Mail(Map<String, Object> model, List<OutgoingMessage.Attachment> attachments) {
    }

    /**
     * Makes the queued report now, for the mail to {@code subscription}'s owner: figures for the text, the file
     * attached if it fits a mail, else a link to the same report on the finance page.
     */
    public Mail mail(ReportSubscription subscription, JsonObject payload, Locale locale) {
        SalesFilter filter = SalesReports.fromJson(payload.toString());
        ReportFormat format = ReportFormat.valueOf(payload.getString("format"));
        SalesReports.MailedReport made;
        try {
            made = reports.forMail(filter, format, locale, mailMaxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SalesReport report = made.report();
        String fileName = SalesReports.fileName(filter, format);
        String base = subscription.shopUrl() == null ? "" : subscription.shopUrl();
        List<Map<String, Object>> totals = new ArrayList<>();
        for (SalesFigures f : report.summary().totals()) {
            totals.add(map("currency", f.currency(), "orders", Long.toString(f.orders()), "tickets", Long.toString(f.ticketsSold()),
                    "gross", money(f.grossMinor(), f, locale), "discounts", money(f.discountMinor(), f, locale),
                    "refunds", money(f.refundedMinor(), f, locale), "net", money(f.netMinor(), f, locale)));
        }
        String scope = Stream.of(report.eventNames(), report.ticketTypeNames(),
                        filter.paymentMethod() == null ? List.<String>of() : List.of(filter.paymentMethod()))
                .flatMap(List::stream).collect(Collectors.joining(", "));
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        String period = filter.from().equals(filter.to()) ? day.format(filter.from())
                : day.format(filter.from()) + " – " + day.format(filter.to());
        Map<String, Object> model = map(
                "period", period,
                "zone", filter.zone().getId(),
                "weekly", ReportFrequency.WEEKLY.name().equals(payload.getString("frequency", "")),
                "format", format.name(),
                "fileName", fileName,
                "attached", made.file().isPresent(),
                "tooLarge", made.file().isEmpty(),
                "maxSize", (mailMaxBytes >> 20) + " MB",
                "filtered", !scope.isEmpty(),
                "scope", scope,
                "totals", totals,
                "link", base + "manage/finance/index.xhtml?" + query(filter),
                "subscriptionsLink", base + "manage/finance/index.xhtml#subscriptions");
        List<OutgoingMessage.Attachment> attachments = made.file()
                .map(bytes -> List.of(new OutgoingMessage.Attachment(fileName, format.mediaType(), bytes))).orElse(List.of());
        return new Mail(model, attachments);
    }

    private static String money(long minor, SalesFigures f, Locale locale) {
        return Money.ofMinor(minor, f.currency()).format(locale);
    }

    /** The finance page's address of this report (as its filter form writes it). */
    static String query(SalesFilter f) {
        List<String> pairs = new ArrayList<>(List.of("from=" + f.from(), "to=" + f.to(), "zone=" + encode(f.zone().getId())));
        f.eventIds().forEach(id -> pairs.add("event=" + id));
        f.ticketTypeIds().forEach(id -> pairs.add("type=" + id));
        if (f.paymentMethod() != null) {
            pairs.add("method=" + encode(f.paymentMethod()));
        }
        return String.join("&", pairs);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(ReportSubscription s) {
        return s.frequency() + " " + s.format() + " to " + s.email() + " " + s.zone()
                + (s.eventIds().isEmpty() ? "" : " events=" + s.eventIds())
                + (s.ticketTypeIds().isEmpty() ? "" : " types=" + s.ticketTypeIds())
                + (s.paymentMethod() == null ? "" : " method=" + s.paymentMethod());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
