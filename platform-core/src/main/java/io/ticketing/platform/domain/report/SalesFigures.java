package io.ticketing.platform.domain.report;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Sales in one currency (figures of two currencies are never added): orders, tickets sold and refunded, and the
 * amounts in minor units. Gross is list price times quantity; net = gross - discounts - refunds.
 */
public record SalesFigures(String currency, long orders, long ticketsSold, long ticketsRefunded, long grossMinor,
                           long discountMinor, long refundedMinor) {

    public long netMinor() {
        return grossMinor - discountMinor - refundedMinor;
    }

    /** {@code minor} in this currency's major units, with its usual number of decimals (JPY none, EUR two). */
    public BigDecimal amount(long minor) {
        return amount(minor, currency);
    }

    public static BigDecimal amount(long minor, String currency) {
        return BigDecimal.valueOf(minor, Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits()));
    }
}
