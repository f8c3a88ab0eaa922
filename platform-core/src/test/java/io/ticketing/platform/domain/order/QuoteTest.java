package io.ticketing.platform.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.shared.Money;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuoteTest {

    private static final PricedLine STANDING = line(1, 10, 3, 2500, "EUR");
    private static final PricedLine SEATED = line(2, 10, 1, 4999, "EUR");
    private static final PricedLine OTHER_EVENT = line(3, 11, 2, 1000, "EUR");

    @Test
    void withoutACouponTheTotalIsTheSumOfTheLines() {
        Quote quote = Quote.of(List.of(STANDING, SEATED), null);
        assertThat(quote.subtotal()).isEqualTo(Money.ofMinor(12499, "EUR"));
        assertThat(quote.discount()).isEqualTo(Money.ofMinor(0, "EUR"));
        assertThat(quote.total()).isEqualTo(Money.ofMinor(12499, "EUR"));
    }

    @Test
    void aPercentageIsTakenOffTheCoveredLinesOnlyRoundedDown() {
        CouponTerms tenOffEvent10 = new CouponTerms("TEN", 10, null, Set.of(10L), Set.of());
        Quote quote = Quote.of(List.of(STANDING, SEATED, OTHER_EVENT), tenOffEvent10);
        assertThat(quote.lines().get(0).discount().minorUnits()).isEqualTo(750);
        assertThat(quote.lines().get(1).discount().minorUnits()).isEqualTo(499); // 499.9 rounded down
        assertThat(quote.lines().get(2).discount().minorUnits()).isZero();
        assertThat(quote.total().minorUnits()).isEqualTo(7500 + 4999 + 2000 - 750 - 499);
    }

    @Test
    void aFixedAmountIsSharedOverTheCoveredLinesAndAddsUpExactly() {
        CouponTerms tenEuro = new CouponTerms("TENEURO", null, Money.ofMinor(1000, "EUR"), Set.of(), Set.of());
        Quote quote = Quote.of(List.of(STANDING, SEATED, OTHER_EVENT), tenEuro);
        long shared = quote.lines().stream().mapToLong(l -> l.discount().minorUnits()).sum();
        assertThat(shared).isEqualTo(1000);
        assertThat(quote.total().minorUnits()).isEqualTo(14499 - 1000);
        assertThat(quote.lines().stream().mapToLong(l -> l.net().minorUnits()).sum()).isEqualTo(quote.total().minorUnits());
    }

    @Test
    void aFixedAmountNeverTakesMoreThanItCovers() {
        CouponTerms huge = new CouponTerms("HUGE", null, Money.ofMinor(1_000_000, "EUR"), Set.of(), Set.of(3L));
        Quote quote = Quote.of(List.of(STANDING, OTHER_EVENT), huge);
        assertThat(quote.discount().minorUnits()).isEqualTo(2000);
        assertThat(quote.total().minorUnits()).isEqualTo(7500);
    }

    @Test
    void refusalsSayWhy() {
        assertThatThrownBy(() -> Quote.of(List.of(STANDING, line(4, 12, 1, 100, "USD")), null))
                .isInstanceOf(Quote.MixedCurrencyException.class);
        assertThatThrownBy(() -> Quote.of(List.of(STANDING), new CouponTerms("ELSEWHERE", 5, null, Set.of(99L), Set.of())))
                .isInstanceOf(CouponNotApplicableException.class).hasMessageContaining("does not apply");
        assertThatThrownBy(() -> Quote.of(List.of(STANDING), new CouponTerms("DOLLARS", null, Money.ofMinor(500, "USD"), Set.of(), Set.of())))
                .isInstanceOf(CouponNotApplicableException.class).hasMessageContaining("USD");
    }

    private static PricedLine line(long type, long event, int quantity, long unitMinor, String currency) {
        return new PricedLine(type, event, "type " + type, quantity, Money.ofMinor(unitMinor, currency), null);
    }
}
