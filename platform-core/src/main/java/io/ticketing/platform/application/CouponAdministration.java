package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Coupon;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shop's coupons as its organizer staff keep them, for the back-office page and the organizer API alike: list
 * with usage so far, create, edit, switch off and on. Every change is written to the staff audit log with the values
 * before and after ({@code coupon.create}, {@code coupon.edit}, {@code coupon.deactivate}, {@code coupon.reactivate};
 * subject {@code coupon:CODE}). Rules: the code may change only while the coupon is unused, the usage limit never
 * falls below the uses so far, a switched-off code is refused at checkout (its orders stay as they are).
 */
@ApplicationScoped
public class CouponAdministration {

    @Inject
    CouponStore store;

    @Inject
    ShopSettings shopSettings;

    /**
     * A coupon's terms: exactly one of {@code percentOff} and {@code amountOff}; limited to some events or ticket
     * types of this shop when those sets are not empty. A code (case-insensitive) exists once.
     */
    public record Terms(String code, Integer percentOff, Money amountOff, Integer usageLimit, OffsetDateTime validFrom,
                        OffsetDateTime validUntil, Set<Long> eventIds, Set<Long> ticketTypeIds) {
        public Terms {
            eventIds = eventIds == null ? Set.of() : Set.copyOf(eventIds);
            ticketTypeIds = ticketTypeIds == null ? Set.of() : Set.copyOf(ticketTypeIds);
        }
    }

    /** Paid orders with the coupon in one currency, and the discount they were given. */
    public record Usage(long orders, Money discount) {
    }

    /** A coupon with its paid orders and discount per currency ({@code Coupon.getTimesUsed()}: uses, unpaid ones too). */
    public record Line(Coupon coupon, List<Usage> usage) {
    }

    public Coupon create(StaffAuditLog.Actor actor, Terms terms) {
        CouponStore.Changed done = store.add(terms);
        audit(actor, "coupon.create", done);
        return done.coupon();
    }

    public Coupon edit(StaffAuditLog.Actor actor, long couponId, Terms terms) {
        CouponStore.Changed done = store.change(couponId, terms);
        audit(actor, "coupon.edit", done);
        return done.coupon();
    }

    /** Switches the coupon off ({@code active} false) or on again; nothing is recorded when it already was. */
    public Coupon activate(StaffAuditLog.Actor actor, long couponId, boolean active) {
        CouponStore.Changed done = store.activate(couponId, active);
        if (!done.before().equals(done.after())) {
            audit(actor, active ? "coupon.reactivate" : "coupon.deactivate", done);
        }
        return done.coupon();
    }

    public Coupon coupon(long couponId) {
        return store.find(couponId);
    }

    public List<Coupon> coupons() {
        return store.all();
    }

    /** Every coupon, by code, with its usage so far. */
    public List<Line> overview() {
        List<Coupon> all = store.all();
        Map<Long, List<Usage>> usage = store.usage();
        return all.stream().map(c -> new Line(c, usage.getOrDefault(c.getId(), List.of()))).toList();
    }

    private void audit(StaffAuditLog.Actor actor, String action, CouponStore.Changed done) {
        Coupon c = done.coupon();
        shopSettings.audited(actor, action, "coupon " + c.getCode() + " (id " + c.getId() + ")",
                new StaffAuditLog.Change("coupon:" + c.getCode(), done.before(), done.after()));
    }
}
