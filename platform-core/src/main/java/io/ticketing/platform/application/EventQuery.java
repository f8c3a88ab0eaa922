package io.ticketing.platform.application;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Which listed events a buyer asks for, soonest first: starting in [from, to) (to may be open),
 * optionally at one venue, in one category, with {@code text} in the title (case-insensitive), on
 * the days {@code firstDay} to {@code lastDay} (both included, either may be open; a day is the
 * event's local date in its venue's time zone), skipping the first {@code offset} matches and
 * returning at most {@code limit}.
 */
public record EventQuery(OffsetDateTime from, OffsetDateTime to, Long venueId, String category, String text,
                         LocalDate firstDay, LocalDate lastDay, int offset, int limit) {

    public static final int MAX_LIMIT = 200;
    /** As wide as the column: a longer one cannot match anything. */
    public static final int MAX_CATEGORY = 60;
    /** Half the title column: enough for any search a person types, and a bound on the work per event. */
    public static final int MAX_TEXT = 100;
    /** How deep a listing may be paged: the database skips at most this many rows. */
    public static final int MAX_OFFSET = 10_000;
    /** Days a person may ask for; outside them the day arithmetic below would overflow. */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 9999;

    public EventQuery {
        if (from == null) {
            throw new IllegalArgumentException("from is required");
        }
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset is between 0 and " + MAX_OFFSET);
        }
        category = category == null || category.isBlank() ? null : category.strip();
        if (category != null && category.length() > MAX_CATEGORY) {
            throw new IllegalArgumentException("category has at most " + MAX_CATEGORY + " characters");
        }
        // NFC: the form browsers send and titles are typed in, so "é" typed either way is one text.
        text = text == null || text.isBlank() ? null : Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
        if (text != null && text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new IllegalArgumentException("text has at most " + MAX_TEXT + " characters");
        }
        checkYear("firstDay", firstDay);
        checkYear("lastDay", lastDay);
        if (firstDay != null && lastDay != null && lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("lastDay must not be before firstDay");
        }
    }

    private static void checkYear(String name, LocalDate day) {
        if (day != null && (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR)) {
            throw new IllegalArgumentException(name + " is in a year from " + FIRST_YEAR + " to " + LAST_YEAR);
        }
    }

    /** Without text, days or paging, as the listing's first API had it. */
    public EventQuery(OffsetDateTime from, OffsetDateTime to, Long venueId, String category, int limit) {
        this(from, to, venueId, category, null, null, null, 0, limit);
    }

    public static EventQuery upcoming(OffsetDateTime from, int limit) {
        return new EventQuery(from, null, null, null, limit);
    }

    public EventQuery withText(String text) {
        return new EventQuery(from, to, venueId, category, text, firstDay, lastDay, offset, limit);
    }

    public EventQuery withDays(LocalDate firstDay, LocalDate lastDay) {
        return new EventQuery(from, to, venueId, category, text, firstDay, lastDay, offset, limit);
    }

    public EventQuery withPage(int offset, int limit) {
        return new EventQuery(from, to, venueId, category, text, firstDay, lastDay, offset, limit);
    }

    /** True when the event passes every filter (paging aside). */
    public boolean matches(EventSummary event) {
        var startsAt = event.startsAt().toInstant();
        LocalDate day = event.startsAt().toLocalDate(); // in the venue's zone: the summary carries it
        return !startsAt.isBefore(from.toInstant())
                && (to == null || startsAt.isBefore(to.toInstant()))
                && (venueId == null || venueId == event.venueId())
                && (category == null || category.equalsIgnoreCase(event.category()))
                && (text == null || fold(event.title()).contains(fold(text)))
                && coversDay(day);
    }

    /** True when an event on this (local) day is within the query's days. */
    public boolean coversDay(LocalDate day) {
        return (firstDay == null || !day.isBefore(firstDay)) && (lastDay == null || !day.isAfter(lastDay));
    }

    /**
     * The earliest moment a matching event can start: {@code from}, or the first day's midnight
     * where midnight comes first on Earth (UTC+18), whichever is later.
     */
    public OffsetDateTime earliest() {
        if (firstDay == null) {
            return from;
        }
        OffsetDateTime dayStarts = firstDay.atStartOfDay().atOffset(ZoneOffset.MAX);
        return dayStarts.isAfter(from) ? dayStarts : from;
    }

    /**
     * A moment no matching event starts at or after: {@code to}, or the end of the last day where it
     * ends last (UTC-18), whichever is earlier; null when the query is open-ended.
     */
    public OffsetDateTime end() {
        OffsetDateTime dayEnds = lastDay == null ? null : lastDay.plusDays(1).atStartOfDay().atOffset(ZoneOffset.MIN);
        if (to == null || dayEnds == null) {
            return to == null ? dayEnds : to;
        }
        return dayEnds.isBefore(to) ? dayEnds : to;
    }

    /**
     * Lower case code point by code point, as PostgreSQL's {@code LOWER()} does in a UTF-8 database
     * (no context rules such as the Greek final sigma), so the cached listing and the database agree.
     */
    public static String fold(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }

    /** The escape character of {@link #likePattern}: rare in titles, and no quoting trouble in JPQL or SQL. */
    public static final char LIKE_ESCAPE = '!';

    /** {@code %text%} for SQL's {@code LOWER(title) LIKE ... ESCAPE '!'}, its own %, _ and ! taken literally. */
    public static String likePattern(String text) {
        StringBuilder out = new StringBuilder("%");
        for (char c : fold(text).toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.append('%').toString();
    }
}
