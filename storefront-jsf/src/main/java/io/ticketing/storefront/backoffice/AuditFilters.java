package io.ticketing.storefront.backoffice;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The staff audit log's filter as the audit page and {@code GET /api/manage/audit} both read it from the address:
 * {@code action} (a prefix: {@code coupon.} is every coupon action), {@code person} (part of an e-mail address),
 * {@code subject} ({@code event:12}), {@code from}/{@code to} (whole days in the shop's time zone) and {@code before}
 * (an entry id: the page after the one that ended there).
 */
public final class AuditFilters {

    public static final int PAGE = 50;
    public static final int MAX_PAGE = 200;

    private AuditFilters() {
    }

    /** The filter, or an {@link InvalidFieldException} naming the parameter that is wrong. */
    public static StaffAuditLog.Query parse(Function<String, String> parameter, ZoneId zone, int limit) {
        LocalDate from = day(parameter, "from");
        LocalDate to = day(parameter, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidFieldException("to", "to is a day after from");
        }
        String before = blank(parameter.apply("before"));
        Long beforeId = null;
        if (before != null) {
            try {
                beforeId = Long.valueOf(before);
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("before", "before is an entry id");
            }
        }
        String action = blank(parameter.apply("action"));
        String person = blank(parameter.apply("person"));
        String subject = blank(parameter.apply("subject"));
        for (String[] text : new String[][] {{"action", action}, {"person", person}, {"subject", subject}}) {
            if (text[1] != null && text[1].length() > 200) {
                throw new InvalidFieldException(text[0], text[0] + " has at most 200 characters");
            }
        }
        return new StaffAuditLog.Query(action, person, subject,
                from == null ? null : from.atStartOfDay(zone).toOffsetDateTime(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), beforeId, limit);
    }

    /** The filter's parameters without {@code before}, for the next page's address. */
    public static Map<String, String> echo(Function<String, String> parameter) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : new String[] {"action", "person", "subject", "from", "to"}) {
            String value = blank(parameter.apply(name));
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static LocalDate day(Function<String, String> parameter, String name) {
        String value = blank(parameter.apply(name));
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, name + " is a day such as 2026-12-01");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
