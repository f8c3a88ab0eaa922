package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Recurring events: from one event, a series of dates, each its own event with its own ticket types and so its own
 * stock; "every Friday for 8 weeks" or a list of dates, at the event's local time of day in its venue's time zone
 * (20:00 stays 20:00 across a clock change). A series edit changes every date still ahead at once; one date is
 * edited as any event. Pages and the organizer API both come here; every change is audited.
 */
@ApplicationScoped
public class EventSeries {

    /** The most dates one series has, the event it was made from included. */
    public static final int MAX_DATES = 200;

    @Inject
    SeriesStore store;

    @Inject
    CatalogAdministration catalog;

    @Inject
    TenantTransactions transactions;

    @Inject
    StaffAuditLog audit;

    /** A new series: its id, the event it was made from, and the events made for the other dates. */
    public record Created(long seriesId, long sourceEventId, List<Long> eventIds) {
    }

    /** One date of a series: its event, local start, status, valid tickets and capacity; editable while ahead and not cancelled. */
    public record Date(long eventId, ZonedDateTime startsAt, EventStatus status, int sold, int capacity, boolean ahead) {
    }

    public record Series(long id, String title, String pattern, List<Date> dates) {
    }

    /** What a series edit changes; null leaves a field as it is; prices by ticket type name. */
    public record Edit(String title, String description, String category, Integer holdMinutes, Map<String, Money> prices) {
        public Edit {
            prices = prices == null ? Map.of() : Map.copyOf(prices);
        }
    }

    public record Edited(Series series, int datesChanged, Map<String, Object> before, Map<String, Object> after) {
    }

    /** A series' dates that will not do; {@code reason} (and the date, if one is meant) let a page say it in the reader's words. */
    public static class InvalidDatesException extends InvalidFieldException {
        private final String reason;
        private final LocalDate date;

        InvalidDatesException(String field, String reason, LocalDate date, String message) {
            super(field, message);
            this.reason = reason;
            this.date = date;
        }

        /** noWeekday, noWeeks, noDate, tooMany, twice, past, own, none */
        public String reason() {
            return reason;
        }

        public LocalDate date() {
            return date;
        }
    }

    /** The series of the event, if it belongs to one. */
    public Optional<Series> ofEvent(long eventId) {
        return store.seriesOf(eventId).map(store::series);
    }

    public Series series(long seriesId) {
        return store.series(seriesId);
    }

    /**
     * Every {@code weekdays} for {@code weeks} weeks from the event's own date (that date included, the event itself
     * being its first), or, when {@code dates} is not empty, those dates.
     */
    public Created create(StaffAuditLog.Actor actor, long eventId, Set<DayOfWeek> weekdays, Integer weeks, List<LocalDate> dates) {
        Event source = catalog.event(eventId);
        ZoneId zone = source.getVenue().getTimeZone();
        ZonedDateTime sourceStart = source.getStartsAt().atZoneSameInstant(zone);
        List<LocalDate> chosen;
        String pattern;
        if (dates != null && !dates.isEmpty()) {
            chosen = listed(dates, sourceStart.toLocalDate(), zone);
            pattern = "dates: " + chosen.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
            if (pattern.length() > 300) {
                pattern = pattern.substring(0, 296) + " ...";
            }
        } else {
            chosen = weekly(weekdays, weeks, sourceStart.toLocalDate(), zone);
            pattern = "every " + weekdays.stream().sorted().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                    .collect(Collectors.joining(", ")) + " for " + weeks + " week" + (weeks == 1 ? "" : "s");
        }
        LocalTime time = sourceStart.toLocalTime();
        String said = pattern;
        List<ZonedDateTime> starts = starts(chosen, time, zone);
        Created created = store.create(eventId, starts, said, actor == null ? null : actor.email());
        transactions.run(() -> audit.add(actor, "series.create", source.getTitle() + ": " + said + " (" + (starts.size() + 1)
                        + " dates)", new StaffAuditLog.Change("series:" + created.seriesId(), Map.of(),
                        Map.of("event", eventId, "dates", starts.size() + 1, "pattern", said,
                                "events", created.eventIds().stream().map(String::valueOf).collect(Collectors.joining(","))))));
        return created;
    }

    /** Changes every date of the series still ahead; audited with the values before and after. */
    public Edited edit(StaffAuditLog.Actor actor, long seriesId, Edit edit) {
        if (edit.title() != null) {
            require("title", edit.title(), 200);
        }
        if (edit.category() != null && edit.category().strip().length() > 60) {
            throw new InvalidFieldException("category", "category has at most 60 characters");
        }
        if (edit.description() != null && edit.description().length() > 20_000) {
            throw new InvalidFieldException("description", "description has at most 20000 characters");
        }
        Edit cleaned = new Edit(edit.title() == null ? null : edit.title().strip(), edit.description(), edit.category(),
                edit.holdMinutes(), edit.prices());
        Edited edited = store.edit(seriesId, cleaned);
        if (!edited.after().isEmpty()) {
            transactions.run(() -> audit.add(actor, "series.edit", edited.series().title() + ": " + edited.datesChanged()
                    + " future date(s) changed", new StaffAuditLog.Change("series:" + seriesId, edited.before(), edited.after())));
        }
        return edited;
    }

    /** Each date at the same local time of day in {@code zone}, whatever the clocks do in between. */
    static List<ZonedDateTime> starts(List<LocalDate> dates, LocalTime time, ZoneId zone) {
        return dates.stream().map(d -> ZonedDateTime.of(d, time, zone)).toList();
    }

    static List<LocalDate> weekly(Set<DayOfWeek> weekdays, Integer weeks, LocalDate first, ZoneId zone) {
        if (weekdays == null || weekdays.isEmpty()) {
            throw new InvalidDatesException("weekdays", "noWeekday", null, "Choose at least one weekday");
        }
        if (weeks == null || weeks < 1) {
            throw new InvalidDatesException("weeks", "noWeeks", null, "A series runs for at least 1 week");
        }
        if ((long) weeks * weekdays.size() > MAX_DATES) {
            throw new InvalidDatesException("weeks", "tooMany", null, "A series has at most " + MAX_DATES + " dates: choose fewer weeks or weekdays");
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate day = first.plusDays(1); day.isBefore(first.plusWeeks(weeks)); day = day.plusDays(1)) {
            if (weekdays.contains(day.getDayOfWeek())) {
                dates.add(day);
            }
        }
        if (dates.isEmpty()) {
            throw new InvalidDatesException("weekdays", "none", null, "These weekdays give no date besides the event's own: choose more weeks or other days");
        }
        return bounded("weeks", dates);
    }

    static List<LocalDate> listed(List<LocalDate> dates, LocalDate first, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        Set<LocalDate> seen = new HashSet<>();
        TreeSet<LocalDate> chosen = new TreeSet<>();
        for (LocalDate date : dates) {
            if (date == null) {
                continue;
            }
            if (!seen.add(date)) {
                throw new InvalidDatesException("dates", "twice", date, date + " is listed twice");
            }
            if (date.isBefore(today)) {
                throw new InvalidDatesException("dates", "past", date, date + " is in the past");
            }
            if (date.equals(first)) {
                throw new InvalidDatesException("dates", "own", date, date + " is the event's own date: it is the series' first date already");
            }
            chosen.add(date);
        }
        if (chosen.isEmpty()) {
            throw new InvalidDatesException("dates", "noDate", null, "Give at least one date");
        }
        return bounded("dates", new ArrayList<>(chosen));
    }

    private static List<LocalDate> bounded(String field, List<LocalDate> dates) {
        if (dates.size() + 1 > MAX_DATES) {
            throw new InvalidDatesException(field, "tooMany", null, "A series has at most " + MAX_DATES + " dates, the event's own included");
        }
        return dates;
    }

    /** Weekday names as a page or the API sends them (MONDAY, friday). */
    public static Set<DayOfWeek> weekdays(List<String> names) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names) {
            try {
                days.add(DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("weekdays", "'" + name + "' is not a weekday (MONDAY ... SUNDAY)");
            }
        }
        return days;
    }

    /** The prices of the series' ticket types as its next date sells them, by name. */
    public Map<String, Money> prices(Series series) {
        Map<String, Money> prices = new LinkedHashMap<>();
        series.dates().stream().filter(Date::ahead).findFirst().or(() -> series.dates().stream().findFirst())
                .ifPresent(d -> catalog.event(d.eventId()).getTicketTypes().forEach(t -> prices.put(t.getName(), t.getPrice())));
        return prices;
    }

    private static void require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, field + " is required");
        }
        if (value.strip().length() > maxLength) {
            throw new InvalidFieldException(field, field + " has at most " + maxLength + " characters");
        }
    }
}
