package io.ticketing.reporting.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyPatternsTest {

    @Test
    void theRowsCurrencyNotTheReadersGoesIntoThePatternAsLiteralText() {
        MoneyPatterns english = new MoneyPatterns(Locale.ENGLISH);
        assertThat(format(english.of("EUR").java(), Locale.ENGLISH, "1234.5")).isEqualTo("€1,234.50");
        assertThat(format(english.of("CNY").java(), Locale.ENGLISH, "1234.5")).isEqualTo("CN¥1,234.50");
        assertThat(format(english.of("JPY").java(), Locale.ENGLISH, "1234")).isEqualTo("¥1,234");
        assertThat(format(new MoneyPatterns(Locale.GERMAN).of("EUR").java(), Locale.GERMAN, "1234.5"))
                .isEqualTo("1.234,50\u00A0€");
    }

    @Test
    void excelFormatsEscapeEveryLiteralCharacterAndNoQuotes() {
        assertThat(new MoneyPatterns(Locale.ENGLISH).of("CNY").excel()).isEqualTo("\\C\\N\\¥#,##0.00");
        assertThat(new MoneyPatterns(Locale.GERMAN).of("EUR").excel()).isEqualTo("#,##0.00\\\u00A0\\€");
        assertThat(new MoneyPatterns(Locale.ENGLISH).of("JPY").excel()).isEqualTo("\\¥#,##0");
        assertThat(MoneyPatterns.excel("'x'¤#,##0.00;-¤#,##0.00", "\"$")).isEqualTo("\\x\\\"\\$#,##0.00;\\-\\\"\\$#,##0.00");
    }

    private static String format(String pattern, Locale locale, String amount) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(locale)).format(new BigDecimal(amount));
    }
}
