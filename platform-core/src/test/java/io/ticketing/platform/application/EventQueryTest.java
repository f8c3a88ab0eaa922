package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.Money;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listing's filters on one event at a time: title text, the event's own local day, and the bounds of a query. */
class EventQueryTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2030, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static EventSummary event(String title, ZonedDateTime startsAt) {
        return new EventSummary(1, title, "Jazz", startsAt, 7, "Hall", "Town", Money.ofMinor(1000, "EUR"),
                EventStatus.ON_SALE, Map.of(), null);
    }

    private static EventSummary event(String title) {
        return event(title, NOW.plusDays(3).atZoneSameInstant(ZoneOffset.UTC));
    }

    private static EventQuery text(String text) {
        return EventQuery.upcoming(NOW, 20).withText(text);
    }

    @Test
    void textMatchesAnywhereInTheTitleWhateverTheCaseInAnyScript() {
        assertThat(text("jazz").matches(event("Late Night JAZZ on the Quay"))).isTrue();
        assertThat(text("ÄRZTE").matches(event("Die Ärzte – live"))).isTrue();
        assertThat(text("straße").matches(event("STRAßE der Lieder"))).isTrue();
        assertThat(text("σίσυφοσ").matches(event("ΣΊΣΥΦΟΣ"))).as("Greek capitals, no final-sigma rule (as PostgreSQL)").isTrue();
        assertThat(text("音乐会").matches(event("新年音乐会 2030"))).isTrue();
        assertThat(text("  jazz  ").matches(event("Jazz"))).as("stripped").isTrue();
        assertThat(text("rock").matches(event("Late Night Jazz"))).isFalse();
        assertThat(text("jazz night").matches(event("Night of Jazz"))).as("the words in that order").isFalse();
    }

    @Test
    void textTypedDecomposedFindsATitleTypedComposed() {
        String decomposed = "Cafe\u0301"; // e + combining acute, as some keyboards send it
        assertThat(text(decomposed).text()).isEqualTo("Café");
        assertThat(text(decomposed).matches(event("Café Concert"))).isTrue();
    }

    @Test
    void blankTextIsNoFilterAndOverLongTextIsRefused() {
        assertThat(text("   ").text()).isNull();
        assertThat(text(null).matches(event("Anything"))).isTrue();
        assertThat(text("x".repeat(EventQuery.MAX_TEXT)).text()).hasSize(EventQuery.MAX_TEXT);
        assertThat(text("音".repeat(EventQuery.MAX_TEXT)).text()).as("counted in characters, not bytes").isNotNull();
        assertThatThrownBy(() -> text("x".repeat(EventQuery.MAX_TEXT + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("text ");
    }

    @Test
    void likePatternTakesWildcardsLiterally() {
        assertThat(EventQuery.likePattern("100% Rock_n!Roll")).isEqualTo("%100!% rock!_n!!roll%");
        assertThat(EventQuery.likePattern("ÄRZTE")).isEqualTo("%ärzte%");
        assertThat(EventQuery.fold("İSTANBUL")).as("one character for one").isEqualTo("istanbul");
    }

    @Test
    void aDayIsTheEventsOwnLocalDate() {
        LocalDate day = LocalDate.of(2030, 3, 6);
        EventQuery onThatDay = EventQuery.upcoming(NOW, 20).withDays(day, day);
        // 00:30 in Shanghai on the 6th is still the 5th in UTC; 23:30 in Los Angeles on the 6th is the 7th in UTC.
        ZonedDateTime earlyShanghai = LocalDateTime.of(2030, 3, 6, 0, 30).atZone(ZoneId.of("Asia/Shanghai"));
        ZonedDateTime lateLosAngeles = LocalDateTime.of(2030, 3, 6, 23, 30).atZone(ZoneId.of("America/Los_Angeles"));
        assertThat(earlyShanghai.withZoneSameInstant(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(5);
        assertThat(lateLosAngeles.withZoneSameInstant(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(7);
        assertThat(onThatDay.matches(event("a", earlyShanghai))).isTrue();
        assertThat(onThatDay.matches(event("b", lateLosAngeles))).isTrue();
        assertThat(onThatDay.matches(event("c", earlyShanghai.minusHours(1)))).isFalse();
        assertThat(onThatDay.matches(event("d", lateLosAngeles.plusHours(1)))).isFalse();

        EventQuery fromThatDay = EventQuery.upcoming(NOW, 20).withDays(day, null);
        assertThat(fromThatDay.matches(event("e", lateLosAngeles.plusDays(40)))).isTrue();
        assertThat(fromThatDay.matches(event("f", earlyShanghai.minusHours(1)))).isFalse();
        EventQuery untilThatDay = EventQuery.upcoming(NOW, 20).withDays(null, day);
        assertThat(untilThatDay.matches(event("g", NOW.plusHours(1).atZoneSameInstant(ZoneOffset.UTC)))).isTrue();
        assertThat(untilThatDay.matches(event("h", lateLosAngeles.plusHours(1)))).isFalse();
    }

    @Test
    void theMomentsBoundTheDaysInEveryZone() {
        LocalDate first = LocalDate.of(2030, 3, 6);
        LocalDate last = LocalDate.of(2030, 3, 8);
        EventQuery query = EventQuery.upcoming(NOW, 20).withDays(first, last);
        // No place on Earth starts the 6th before 06:00 UTC on the 5th, or ends the 8th after 18:00 UTC on the 9th.
        assertThat(query.earliest()).isEqualTo(OffsetDateTime.of(2030, 3, 5, 6, 0, 0, 0, ZoneOffset.UTC));
        assertThat(query.end()).isEqualTo(OffsetDateTime.of(2030, 3, 9, 18, 0, 0, 0, ZoneOffset.UTC));
        for (String zone : new String[] {"Pacific/Kiritimati", "Pacific/Pago_Pago", "Etc/GMT-14", "Etc/GMT+12", "Asia/Kathmandu"}) {
            ZonedDateTime start = first.atStartOfDay(ZoneId.of(zone));
            ZonedDateTime end = last.plusDays(1).atStartOfDay(ZoneId.of(zone));
            assertThat(start.toInstant()).as(zone).isAfterOrEqualTo(query.earliest().toInstant());
            assertThat(end.toInstant()).as(zone).isBeforeOrEqualTo(query.end().toInstant());
        }
        assertThat(EventQuery.upcoming(NOW, 20).withDays(LocalDate.of(2020, 1, 1), null).earliest())
                .as("a day in the past does not reach before from").isEqualTo(NOW);
        assertThat(EventQuery.upcoming(NOW, 20).end()).isNull();
        OffsetDateTime to = NOW.plusDays(2);
        assertThat(new EventQuery(NOW, to, null, null, 20).withDays(null, last).end()).isEqualTo(to);
    }

    @Test
    void badDaysAndPagesAreRefusedByName() {
        EventQuery base = EventQuery.upcoming(NOW, 20);
        assertThatThrownBy(() -> base.withDays(LocalDate.of(2030, 3, 8), LocalDate.of(2030, 3, 6)))
                .hasMessageStartingWith("lastDay ");
        assertThatThrownBy(() -> base.withDays(LocalDate.MAX, null)).hasMessageStartingWith("firstDay ");
        assertThatThrownBy(() -> base.withDays(null, LocalDate.of(-5, 1, 1))).hasMessageStartingWith("lastDay ");
        assertThatThrownBy(() -> base.withPage(-1, 20)).hasMessageStartingWith("offset ");
        assertThatThrownBy(() -> base.withPage(EventQuery.MAX_OFFSET + 1, 20)).hasMessageStartingWith("offset ");
        assertThatThrownBy(() -> base.withPage(0, 0)).hasMessageStartingWith("limit ");
        assertThat(base.withPage(EventQuery.MAX_OFFSET, EventQuery.MAX_LIMIT).offset()).isEqualTo(EventQuery.MAX_OFFSET);
        LocalDate day = LocalDate.of(2030, 3, 6);
        assertThat(base.withDays(day, day).coversDay(day)).as("one day, both ends included").isTrue();
    }

    @Test
    void onSaleFromIsAMomentSoACachedSummaryStaysRight() {
        OffsetDateTime opens = NOW.plusDays(2);
        EventSummary later = new EventSummary(1, "x", null, NOW.plusDays(9).atZoneSameInstant(ZoneOffset.UTC), 1, "Hall",
                "Town", null, EventStatus.ON_SALE, Map.of(), opens);
        assertThat(later.notYetOnSale(NOW)).isTrue();
        assertThat(later.notYetOnSale(opens)).isFalse();
        assertThat(event("y").notYetOnSale(NOW)).isFalse();
    }
}
