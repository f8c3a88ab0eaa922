package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.CouponRedemptions;
import io.ticketing.platform.domain.order.CouponTerms;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Coupon uses in the current tenant transaction. */
@ApplicationScoped
public class JdbcCouponRedemptions implements CouponRedemptions {

    @Override
    public Optional<CouponRow> coupon(String code) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, percent_off, amount_off_minor, currency, valid_from, valid_until,
                           array(SELECT event_id FROM coupon_event WHERE coupon_id = coupon.id),
                           array(SELECT ticket_type_id FROM coupon_ticket_type WHERE coupon_id = coupon.id),
                           active
                      FROM coupon WHERE code = ?""")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Integer percent = r.getObject(2, Integer.class);
                    Long amount = r.getObject(3, Long.class);
                    String currency = r.getString(4);
                    Timestamp from = r.getTimestamp(5);
                    Timestamp until = r.getTimestamp(6);
                    return Optional.of(new CouponRow(r.getLong(1), new CouponTerms(code, percent,
                            amount == null ? null : Money.ofMinor(amount, currency), ids(r, 7), ids(r, 8)),
                            from == null ? null : from.toInstant(), until == null ? null : until.toInstant(), r.getBoolean(9)));
                }
            }
        });
    }

    private static Set<Long> ids(ResultSet r, int column) throws SQLException {
        Set<Long> ids = new HashSet<>();
        for (Long id : (Long[]) r.getArray(column).getArray()) {
            ids.add(id);
        }
        return ids;
    }

    @Override
    public boolean redeem(long couponId) {
        return Sql.update("UPDATE coupon SET times_used = times_used + 1 WHERE id = ? AND (usage_limit IS NULL OR times_used < usage_limit)",
                couponId) == 1;
    }

    @Override
    public void returnCouponUse(long couponId) {
        Sql.update("UPDATE coupon SET times_used = times_used - 1 WHERE id = ? AND times_used > 0", couponId);
    }
}
