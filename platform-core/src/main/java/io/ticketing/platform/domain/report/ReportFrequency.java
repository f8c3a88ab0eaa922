package io.ticketing.platform.domain.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * How often a subscribed report is mailed, and what it covers: DAILY the day before, WEEKLY the last full week,
 * Monday to Sunday. Days and weeks are the subscription's own time zone's, so a week across a change to or from
 * summer time has its 167 or 169 hours, and a day its 23 or 25.
 */
public enum ReportFrequency {
    DAILY,
    WEEKLY;

    /**
     * When reports go out, local time. Late enough that the day before is over everywhere it matters (payments
     * confirmed a few minutes after midnight by a late callback or the lost-payment sweep are in), early enough to
     * wait in the inbox when the finance team starts work; and no zone moves its clocks at 06:00, so the moment
     * exists on every day of the year.
     */
    public static final LocalTime SEND_AT = LocalTime.of(6, 0);

    /** The days a report made on {@code today} covers: the last whole period before it. */
    public ReportPeriod periodBefore(LocalDate today) {
        return switch (this) {
            case DAILY -> new ReportPeriod(today.minusDays(1), today.minusDays(1));
            case WEEKLY -> {
                LocalDate sunday = today.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
                yield new ReportPeriod(sunday.minusDays(6), sunday);
            }
        };
    }

    /**
     * The next sending moment strictly after {@code now}: the next 06:00 in {@code zone} (DAILY), or the next Monday's
     * (WEEKLY). Always after now, so a sweep that ran late or a node that was down for days sends one report, the
     * latest, rather than a backlog of old ones.
     */
    public Instant nextRunAfter(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(SEND_AT)) {
            day = day.plusDays(1);
        }
        if (this == WEEKLY) {
            day = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        }
        // a gap in the local time line (none at 06:00 today, but zones change their rules) is stepped over forwards
        return ZonedDateTime.of(day, SEND_AT, zone).toInstant();
    }
}
