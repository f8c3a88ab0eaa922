package io.ticketing.reporting.sales;

import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesReport;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The sales report's words in the reader's language ({@code sales*.properties}): labels, the filters in a sentence,
 * payment methods and order statuses by their key (a key without a label is shown as itself).
 */
final class SalesLabels {

    static final String BUNDLE = "io.ticketing.reporting.sales";

    private final ResourceBundle bundle;
    private final Locale locale;

    private SalesLabels(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    static SalesLabels of(Locale locale) {
        // No fall-back to the server's own language: a language without labels gets the English ones.
        return new SalesLabels(ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), locale);
    }

    ResourceBundle bundle() {
        return bundle;
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... arguments) {
        String text = bundle.getString(key);
        return arguments.length == 0 ? text : new MessageFormat(text, locale).format(arguments);
    }

    String paymentMethod(String key) {
        return optional("payment." + key, key);
    }

    String status(String key) {
        return optional("status." + key, key);
    }

    private String optional(String key, String otherwise) {
        if (otherwise == null) {
            return "";
        }
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return otherwise;
        }
    }

    String day(java.time.LocalDate day) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
    }

    String moment(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(at.atZone(zone));
    }

    /** What the report covers, one filter per line: period and zone, events, ticket types, payment method. */
    String filters(SalesReport report) {
        SalesFilter filter = report.filter();
        return String.join("\n",
                get("filter.period", day(filter.from()), day(filter.to()), filter.zone().getId()),
                get("filter.events", listOrAll(report.eventNames())),
                get("filter.ticketTypes", listOrAll(report.ticketTypeNames())),
                get("filter.paymentMethod", filter.paymentMethod() == null ? get("filter.all")
                        : paymentMethod(filter.paymentMethod())));
    }

    private String listOrAll(List<String> names) {
        return names.isEmpty() ? get("filter.all") : String.join(get("filter.separator"), names);
    }

    /** Null when the figures come from where they normally do (the primary, no replica configured). */
    String source(ReadSource source) {
        return source == ReadSource.PRIMARY ? null : get("source." + source.name());
    }
}
