package io.ticketing.platform.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFrequencyTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDailyReportCoversTheDayBefore() {
        assertThat(ReportFrequency.DAILY.periodBefore(LocalDate.of(2027, 3, 1)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2027, 2, 28), LocalDate.of(2027, 2, 28)));
        assertThat(ReportFrequency.DAILY.periodBefore(LocalDate.of(2028, 1, 1)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2027, 12, 31), LocalDate.of(2027, 12, 31)));
    }

    @Test
    void aWeeklyReportCoversTheLastFullWeekMondayToSundayWhicheverDayItIsMade() {
        ReportPeriod week = new ReportPeriod(LocalDate.of(2027, 3, 22), LocalDate.of(2027, 3, 28));
        // Monday 29 March (its usual day) and every later day of that week: still the week before
        for (int d = 0; d < 7; d++) {
            assertThat(ReportFrequency.WEEKLY.periodBefore(LocalDate.of(2027, 3, 29).plusDays(d))).as("day %d", d).isEqualTo(week);
        }
        // on the Sunday itself, that Sunday's week is not over yet
        assertThat(ReportFrequency.WEEKLY.periodBefore(LocalDate.of(2027, 3, 28)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2027, 3, 15), LocalDate.of(2027, 3, 21)));
        // across a year's end
        assertThat(ReportFrequency.WEEKLY.periodBefore(LocalDate.of(2027, 1, 4)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 3)));
    }

    @Test
    void aWeekAcrossAChangeOfClocksHasItsOwnLengthInHours() {
        // Europe/Berlin goes to summer time on Sunday 28 March 2027 and back on Sunday 31 October 2027
        SalesFilter spring = filter(ReportFrequency.WEEKLY.periodBefore(LocalDate.of(2027, 3, 29)), BERLIN);
        assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(167));
        assertThat(spring.start()).isEqualTo(Instant.parse("2027-03-21T23:00:00Z"));
        assertThat(spring.end()).isEqualTo(Instant.parse("2027-03-28T22:00:00Z"));
        SalesFilter autumn = filter(ReportFrequency.WEEKLY.periodBefore(LocalDate.of(2027, 11, 1)), BERLIN);
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(169));
        // and the day itself 23 or 25 hours
        SalesFilter shortDay = filter(ReportFrequency.DAILY.periodBefore(LocalDate.of(2027, 3, 29)), BERLIN);
        assertThat(Duration.between(shortDay.start(), shortDay.end())).isEqualTo(Duration.ofHours(23));
        SalesFilter longDay = filter(ReportFrequency.DAILY.periodBefore(LocalDate.of(2027, 11, 1)), BERLIN);
        assertThat(Duration.between(longDay.start(), longDay.end())).isEqualTo(Duration.ofHours(25));
        // Auckland's summer ends in April: 25 hours on Sunday 4 April 2027
        SalesFilter south = filter(ReportFrequency.DAILY.periodBefore(LocalDate.of(2027, 4, 5)), AUCKLAND);
        assertThat(Duration.between(south.start(), south.end())).isEqualTo(Duration.ofHours(25));
        // Shanghai keeps its clocks: every week 168 hours
        SalesFilter china = filter(ReportFrequency.WEEKLY.periodBefore(LocalDate.of(2027, 3, 29)), SHANGHAI);
        assertThat(Duration.between(china.start(), china.end())).isEqualTo(Duration.ofHours(168));
        assertThat(china.start()).isEqualTo(Instant.parse("2027-03-21T16:00:00Z"));
    }

    @Test
    void theNextDailyRunIsTheNextSixOClockInTheSubscriptionsZone() {
        Instant beforeSix = ZonedDateTime.of(2027, 5, 10, 5, 59, 0, 0, BERLIN).toInstant();
        assertThat(ReportFrequency.DAILY.nextRunAfter(beforeSix, BERLIN)).isEqualTo(ZonedDateTime.of(2027, 5, 10, 6, 0, 0, 0, BERLIN).toInstant());
        Instant atSix = ZonedDateTime.of(2027, 5, 10, 6, 0, 0, 0, BERLIN).toInstant();
        assertThat(ReportFrequency.DAILY.nextRunAfter(atSix, BERLIN)).as("strictly after")
                .isEqualTo(ZonedDateTime.of(2027, 5, 11, 6, 0, 0, 0, BERLIN).toInstant());
        // one instant, three zones: three different next runs, each at 06:00 local
        Instant now = Instant.parse("2027-05-10T12:00:00Z");
        for (ZoneId zone : List.of(BERLIN, SHANGHAI, NEW_YORK, AUCKLAND)) {
            ZonedDateTime next = ReportFrequency.DAILY.nextRunAfter(now, zone).atZone(zone);
            assertThat(next.toLocalTime()).as(zone.getId()).isEqualTo(ReportFrequency.SEND_AT);
            assertThat(next.toInstant()).isAfter(now).isBeforeOrEqualTo(now.plus(Duration.ofHours(24)));
        }
        assertThat(ReportFrequency.DAILY.nextRunAfter(now, SHANGHAI)).isEqualTo(Instant.parse("2027-05-10T22:00:00Z"));
        assertThat(ReportFrequency.DAILY.nextRunAfter(now, NEW_YORK)).isEqualTo(Instant.parse("2027-05-11T10:00:00Z"));
    }

    @Test
    void runsAcrossAChangeOfClocksStayAtSixLocalAndAre23Or25HoursApart() {
        Instant saturday = ZonedDateTime.of(2027, 3, 27, 6, 0, 0, 0, BERLIN).toInstant();
        Instant sunday = ReportFrequency.DAILY.nextRunAfter(saturday, BERLIN);
        assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(23));
        assertThat(sunday.atZone(BERLIN).toLocalTime()).isEqualTo(ReportFrequency.SEND_AT);
        Instant october = ZonedDateTime.of(2027, 10, 30, 6, 0, 0, 0, BERLIN).toInstant();
        assertThat(Duration.between(october, ReportFrequency.DAILY.nextRunAfter(october, BERLIN))).isEqualTo(Duration.ofHours(25));
        // New York changes on other days than Berlin (14 March 2027)
        Instant ny = ZonedDateTime.of(2027, 3, 13, 6, 0, 0, 0, NEW_YORK).toInstant();
        assertThat(Duration.between(ny, ReportFrequency.DAILY.nextRunAfter(ny, NEW_YORK))).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void theNextWeeklyRunIsMondayAtSixAndTheWeekItSendsIsTheOneJustEnded() {
        Instant wednesday = ZonedDateTime.of(2027, 3, 24, 15, 0, 0, 0, BERLIN).toInstant();
        Instant monday = ReportFrequency.WEEKLY.nextRunAfter(wednesday, BERLIN);
        assertThat(monday).isEqualTo(ZonedDateTime.of(2027, 3, 29, 6, 0, 0, 0, BERLIN).toInstant());
        // the week of the change to summer time: a week of 167 hours between the two runs
        Instant after = ReportFrequency.WEEKLY.nextRunAfter(monday, BERLIN);
        assertThat(after).isEqualTo(ZonedDateTime.of(2027, 4, 5, 6, 0, 0, 0, BERLIN).toInstant());
        Instant before = ReportFrequency.WEEKLY.nextRunAfter(monday.minus(Duration.ofDays(7)), BERLIN);
        assertThat(Duration.between(before, monday)).isEqualTo(Duration.ofHours(167));
        assertThat(ReportFrequency.WEEKLY.periodBefore(LocalDate.ofInstant(monday, BERLIN)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2027, 3, 22), LocalDate.of(2027, 3, 28)));
        // Monday before six: this very Monday
        Instant early = ZonedDateTime.of(2027, 3, 29, 5, 0, 0, 0, BERLIN).toInstant();
        assertThat(ReportFrequency.WEEKLY.nextRunAfter(early, BERLIN)).isEqualTo(monday);
        // Monday 06:00 in Auckland is Sunday evening in UTC: the week is Auckland's
        Instant aucklandMonday = ReportFrequency.WEEKLY.nextRunAfter(Instant.parse("2027-03-24T00:00:00Z"), AUCKLAND);
        assertThat(aucklandMonday).isEqualTo(Instant.parse("2027-03-28T17:00:00Z"));
        assertThat(ReportFrequency.WEEKLY.periodBefore(LocalDate.ofInstant(aucklandMonday, AUCKLAND)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2027, 3, 22), LocalDate.of(2027, 3, 28)));
    }

    @Test
    void aNodeBackAfterDaysSendsTheLatestPeriodOnceAndRunsOnFromNow() {
        Instant now = ZonedDateTime.of(2027, 6, 10, 9, 30, 0, 0, BERLIN).toInstant(); // due since 6 June
        assertThat(ReportFrequency.DAILY.periodBefore(LocalDate.ofInstant(now, BERLIN)))
                .isEqualTo(new ReportPeriod(LocalDate.of(2027, 6, 9), LocalDate.of(2027, 6, 9)));
        assertThat(ReportFrequency.DAILY.nextRunAfter(now, BERLIN)).isEqualTo(ZonedDateTime.of(2027, 6, 11, 6, 0, 0, 0, BERLIN).toInstant());
    }

    private static SalesFilter filter(ReportPeriod period, ZoneId zone) {
        return new SalesFilter(period.from(), period.to(), zone, List.of(), List.of(), null);
    }
}
