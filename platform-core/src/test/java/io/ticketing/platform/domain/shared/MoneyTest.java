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
    void formatsKeptPerLocaleAndCurrencyNeitherMixNorClashAcrossThreads() throws Exception {
        assertThat(Money.ofMinor(123456, "EUR").format(Locale.GERMANY)).isEqualTo("1.234,56\u00a0€");
        assertThat(Money.ofMinor(123456, "EUR").format(Locale.ENGLISH)).isEqualTo("€1,234.56");
        assertThat(Money.ofMinor(123456, "JPY").format(Locale.GERMANY)).isEqualTo("123.456\u00a0¥");
        assertThat(Money.ofMinor(123456, "CNY").format(Locale.SIMPLIFIED_CHINESE)).isEqualTo("¥1,234.56");
        assertThat(Money.ofMinor(123456, "EUR").format(Locale.GERMANY)).isEqualTo("1.234,56\u00a0€"); // the kept one again
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        long minor = 100_000L * offset + i;
                        String expected = "€" + String.format(Locale.ENGLISH, "%,.2f", minor / 100.0);
                        if (!Money.ofMinor(minor, "EUR").format(Locale.ENGLISH).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void comparesOnlyTheSameCurrency() {
        assertThat(Money.ofMinor(100, "EUR")).isLessThan(Money.ofMinor(200, "EUR"));
        assertThatThrownBy(() -> Money.ofMinor(100, "EUR").compareTo(Money.ofMinor(100, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
