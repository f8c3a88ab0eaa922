package io.ticketing.platform.domain.shared;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An exact amount in a currency's minor units (cents); never a double. */
public record Money(long minorUnits, Currency currency) implements Comparable<Money>, java.io.Serializable {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, Math.max(0, currency.getDefaultFractionDigits()));
    }

    public String format(Locale locale) {
        FormatKey key = new FormatKey(locale, currency);
        NumberFormat prototype = FORMATS.get(key);
        if (prototype == null) {
            prototype = NumberFormat.getCurrencyInstance(locale);
            prototype.setCurrency(currency);
            prototype.setMinimumFractionDigits(Math.max(0, currency.getDefaultFractionDigits()));
            if (FORMATS.size() < MAX_FORMATS) {
                FORMATS.put(key, prototype);
            }
        }
        // A format is not thread-safe: each call formats with its own copy of the shared prototype.
        return ((NumberFormat) prototype.clone()).format(amount());
    }

    /**
     * Looking a currency format up costs more than formatting with it (locale providers, the pattern
     * parsed, the currency's symbol found; a few percent of a page's CPU), so one is kept per locale and
     * currency, up to a bound however many locales callers bring.
     */
    private static final Map<FormatKey, NumberFormat> FORMATS = new ConcurrentHashMap<>();
    private static final int MAX_FORMATS = 512;

    private record FormatKey(Locale locale, Currency currency) {
    }

    @Override
    public int compareTo(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
        return Long.compare(minorUnits, other.minorUnits);
    }
}
