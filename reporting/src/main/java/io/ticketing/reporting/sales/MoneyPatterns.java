package io.ticketing.reporting.sales;

import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How amounts of one currency are written for one reader: a DecimalFormat pattern for the PDF and the matching Excel
 * number format for the XLSX, both with the currency's symbol as literal text (Jasper would take {@code ¤} as the
 * reader's own currency, and Excel shows it as is). In the Excel format every literal character is escaped with a
 * backslash: Jasper writes the format into the workbook's XML without escaping quotes.
 */
final class MoneyPatterns {

    record Pattern(String java, String excel) {
    }

    private final Locale locale;
    private final Map<String, Pattern> byCurrency = new ConcurrentHashMap<>();

    MoneyPatterns(Locale locale) {
        this.locale = locale;
    }

    Pattern of(String currencyCode) {
        return byCurrency.computeIfAbsent(currencyCode, this::make);
    }

    private Pattern make(String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        DecimalFormat format = (DecimalFormat) NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        String pattern = format.toPattern();
        String symbol = currency.getSymbol(locale);
        return new Pattern(pattern.replace("¤", "'" + symbol.replace("'", "''") + "'"), excel(pattern, symbol));
    }

    static String excel(String javaPattern, String symbol) {
        StringBuilder excel = new StringBuilder();
        for (char c : javaPattern.toCharArray()) {
            if (c == '¤') {
                symbol.chars().forEach(s -> excel.append('\\').append((char) s));
            } else if ("#0,.;".indexOf(c) >= 0) {
                excel.append(c);
            } else if (c != '\'') {
                excel.append('\\').append(c);
            }
        }
        return excel.toString();
    }
}
