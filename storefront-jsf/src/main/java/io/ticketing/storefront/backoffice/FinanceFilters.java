package io.ticketing.storefront.backoffice;

import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A sales report's filter as the finance page and its downloads carry it in their addresses and forms:
 * {@code from}, {@code to} (ISO dates), {@code zone}, {@code event} and {@code type} (repeated ids) and {@code method}.
 * Without dates a report covers this month to today, in the shop's time zone.
 */
final class FinanceFilters {

    static final List<String> PARAMETERS = List.of("from", "to", "zone", "event", "type", "method");

    private FinanceFilters() {
    }

    /** The filter read from the request, or the field that is wrong (its message key is {@code finance.invalid.<field>}). */
    record Parsed(SalesFilter filter, String invalidField) {
        boolean valid() {
            return filter != null;
        }
    }

    static Parsed parse(HttpServletRequest request, ZoneId shopZone, LocalDate today) {
        ZoneId zone;
        try {
            String z = request.getParameter("zone");
            zone = z == null || z.isBlank() ? shopZone : ZoneId.of(z);
        } catch (DateTimeException e) {
            return new Parsed(null, "zone");
        }
        LocalDate from;
        LocalDate to;
        try {
            from = date(request.getParameter("from")).orElse(today.withDayOfMonth(1));
        } catch (DateTimeParseException e) {
            return new Parsed(null, "from");
        }
        try {
            to = date(request.getParameter("to")).orElse(today);
        } catch (DateTimeParseException e) {
            return new Parsed(null, "to");
        }
        List<Long> events;
        List<Long> types;
        try {
            events = ids(request.getParameterValues("event"));
        } catch (NumberFormatException e) {
            return new Parsed(null, "eventIds");
        }
        try {
            types = ids(request.getParameterValues("type"));
        } catch (NumberFormatException e) {
            return new Parsed(null, "ticketTypeIds");
        }
        try {
            return new Parsed(new SalesFilter(from, to, zone, events, types, request.getParameter("method")), null);
        } catch (InvalidFieldException e) {
            return new Parsed(null, e.field());
        }
    }

    private static Optional<LocalDate> date(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text.strip()));
    }

    private static List<Long> ids(String[] values) {
        if (values == null) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                ids.add(Long.parseLong(v.strip()));
            }
        }
        return ids.stream().distinct().toList();
    }

    /** The filter as an address's query ({@code from=...&to=...}), to link back to the same report. */
    static String query(SalesFilter f) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(List.of(Map.entry("from", f.from().toString()),
                Map.entry("to", f.to().toString()), Map.entry("zone", f.zone().getId())));
        f.eventIds().forEach(id -> pairs.add(Map.entry("event", id.toString())));
        f.ticketTypeIds().forEach(id -> pairs.add(Map.entry("type", id.toString())));
        if (f.paymentMethod() != null) {
            pairs.add(Map.entry("method", f.paymentMethod()));
        }
        return pairs.stream().map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The request's own filter parameters as a query, as they came (to show a refused filter again). */
    static String rawQuery(HttpServletRequest request) {
        return PARAMETERS.stream().flatMap(name -> Arrays.stream(Optional.ofNullable(request.getParameterValues(name)).orElse(new String[0]))
                        .map(v -> name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}
