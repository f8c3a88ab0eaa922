package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dates of a series: weekly or listed, bounded, refused in words, and at the same local time across clock changes. */
class EventSeriesDatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void everyFridayForFourWeeksFromAFridayIsThreeMoreDates() {
        LocalDate friday = LocalDate.now(BERLIN).plusWeeks(2).with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.FRIDAY));
        List<LocalDate> dates = EventSeries.weekly(Set.of(DayOfWeek.FRIDAY), 4, friday, BERLIN);
        assertThat(dates).containsExactly(friday.plusWeeks(1), friday.plusWeeks(2), friday.plusWeeks(3));
    }

    @Test
    void twoWeekdaysForTwoWeeksFromATuesday() {
        LocalDate tuesday = LocalDate.of(2030, 1, 1);
        assertThat(EventSeries.weekly(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), 2, tuesday, BERLIN))
                .containsExactly(LocalDate.of(2030, 1, 3), LocalDate.of(2030, 1, 8), LocalDate.of(2030, 1, 10));
    }

    @Test
    void twentyHundredStaysTwentyHundredAcrossTheClockChange() {
        // Berlin moves its clocks forward on the last Sunday of March 2030 (31 March) and back on 27 October
        List<ZonedDateTime> starts = EventSeries.starts(List.of(LocalDate.of(2030, 3, 29), LocalDate.of(2030, 4, 5),
                LocalDate.of(2030, 10, 25), LocalDate.of(2030, 11, 1)), LocalTime.of(20, 0), BERLIN);
        assertThat(starts).allSatisfy(s -> assertThat(s.toLocalTime()).isEqualTo(LocalTime.of(20, 0)));
        assertThat(starts.get(0).toOffsetDateTime().atZoneSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(19);
        assertThat(starts.get(1).toOffsetDateTime().atZoneSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(18);
        assertThat(starts.get(2).toOffsetDateTime().atZoneSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(18);
        assertThat(starts.get(3).toOffsetDateTime().atZoneSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(19);
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        LocalDate first = LocalDate.now(BERLIN).plusDays(10);
        assertReason(() -> EventSeries.weekly(Set.of(), 4, first, BERLIN), "weekdays", "noWeekday");
        assertReason(() -> EventSeries.weekly(Set.of(DayOfWeek.MONDAY), 0, first, BERLIN), "weeks", "noWeeks");
        assertReason(() -> EventSeries.weekly(EnumSet.allOf(DayOfWeek.class), 29, first, BERLIN), "weeks", "tooMany");
        assertReason(() -> EventSeries.weekly(Set.of(first.getDayOfWeek()), 1, first, BERLIN), "weekdays", "none");
        assertReason(() -> EventSeries.listed(List.of(first.plusDays(1), first.plusDays(1)), first, BERLIN), "dates", "twice");
        assertReason(() -> EventSeries.listed(List.of(LocalDate.now(BERLIN).minusDays(1)), first, BERLIN), "dates", "past");
        assertReason(() -> EventSeries.listed(List.of(first), first, BERLIN), "dates", "own");
        assertReason(() -> EventSeries.listed(Collections.singletonList(null), first, BERLIN), "dates", "noDate");
        List<LocalDate> many = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            many.add(first.plusDays(i));
        }
        assertReason(() -> EventSeries.listed(many, first, BERLIN), "dates", "tooMany");
        assertThat(EventSeries.listed(many.subList(0, 199), first, BERLIN)).hasSize(199);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EventSeries.InvalidDatesException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
