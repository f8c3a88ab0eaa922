package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.Money;
import java.util.ArrayList;
import java.util.List;

/** An order's lines and exact totals, in one currency, with a coupon's discount spread over the lines it covers. */
public record Quote(List<PricedLine> lines, Money subtotal, Money discount, Money total) {

    public Quote {
        lines = List.copyOf(lines);
    }

    /**
     * Prices the lines; {@code coupon} may be null. A percentage is taken off each covered line
     * (the discount rounded down to the minor unit, so a buyer pays at most a cent over the exact figure);
     * a fixed amount is taken once, capped at what it covers, and shared over the covered lines in
     * proportion, the rounding remainder on the last one, so the lines always add up to the total.
     */
    public static Quote of(List<PricedLine> lines, CouponTerms coupon) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        var currency = lines.get(0).unitPrice().currency();
        if (lines.stream().anyMatch(l -> !l.unitPrice().currency().equals(currency))) {
            throw new MixedCurrencyException();
        }
        List<PricedLine> priced = new ArrayList<>(lines.stream().map(l -> l.withDiscount(0)).toList());
        if (coupon != null) {
            applyCoupon(priced, coupon, currency);
        }
        long subtotal = priced.stream().mapToLong(l -> l.gross().minorUnits()).sum();
        long discount = priced.stream().mapToLong(l -> l.discount().minorUnits()).sum();
        return new Quote(priced, new Money(subtotal, currency), new Money(discount, currency), new Money(subtotal - discount, currency));
    }

    /** Discounts the lines the coupon covers: a percentage of each, or a fixed amount shared by their gross. */
    private static void applyCoupon(List<PricedLine> priced, CouponTerms coupon, java.util.Currency currency) {
        List<Integer> covered = new ArrayList<>();
        for (int i = 0; i < priced.size(); i++) {
            if (coupon.covers(priced.get(i))) {
                covered.add(i);
            }
        }
        if (covered.isEmpty()) {
            throw new CouponNotApplicableException(coupon.code(), CouponNotApplicableException.Reason.NOT_FOR_THESE_TICKETS, "does not apply to these tickets");
        }
        if (coupon.percentOff() != null) {
            for (int i : covered) {
                PricedLine line = priced.get(i);
                priced.set(i, line.withDiscount(line.gross().minorUnits() * coupon.percentOff() / 100));
            }
            return;
        }
        if (!coupon.amountOff().currency().equals(currency)) {
            throw new CouponNotApplicableException(coupon.code(), CouponNotApplicableException.Reason.OTHER_CURRENCY, "is in " + coupon.amountOff().currency().getCurrencyCode()
                    + " and these tickets are in " + currency.getCurrencyCode());
        }
        long base = covered.stream().mapToLong(i -> priced.get(i).gross().minorUnits()).sum();
        long off = Math.min(coupon.amountOff().minorUnits(), base);
        long shared = 0;
        for (int k = 0; k < covered.size(); k++) {
            PricedLine line = priced.get(covered.get(k));
            // the last covered line takes what is left, so the shares add up to the discount to the cent
            long share = k == covered.size() - 1 ? off - shared
                    : base == 0 ? 0 : Math.multiplyExact(off, line.gross().minorUnits()) / base;
            shared += share;
            priced.set(covered.get(k), line.withDiscount(share));
        }
    }

    /** The lines are not all priced in the same currency. */
    public static class MixedCurrencyException extends RuntimeException {
        MixedCurrencyException() {
            super("One order is paid in one currency: hold these tickets in separate orders");
        }
    }
}
