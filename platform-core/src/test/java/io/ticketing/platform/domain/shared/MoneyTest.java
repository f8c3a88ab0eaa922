package io.ticketing.platform.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void minorUnitsFollowTheCurrency() {
        assertThat(Money.ofMinor(6900, "EUR").amount()).isEqualByComparingTo(new BigDecimal("69.00"));
        assertThat(Money.ofMinor(6900, "JPY").amount()).isEqualByComparingTo(new BigDecimal("6900"));
        assertThat(Money.ofMinor(1999, "EUR").format(Locale.ENGLISH)).isEqualTo("€19.99");
    }

    @Test
    void comparesOnlyTheSameCurrency() {
        assertThat(Money.ofMinor(100, "EUR")).isLessThan(Money.ofMinor(200, "EUR"));
        assertThatThrownBy(() -> Money.ofMinor(100, "EUR").compareTo(Money.ofMinor(100, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
