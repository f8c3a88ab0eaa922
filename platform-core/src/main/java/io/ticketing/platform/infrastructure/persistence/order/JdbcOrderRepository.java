package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders in the current tenant transaction, in plain SQL: this is the checkout path. */
@ApplicationScoped
public class JdbcOrderRepository implements OrderRepository {

    @Inject
    BuyerDataCipher cipher;

    @Override
    public Optional<KeyedOrder> byIdempotencyKey(String buyer, String key) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, request_sha256 FROM customer_order WHERE buyer = ? AND idempotency_key = ?")) {
                s.setString(1, buyer);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new KeyedOrder(r.getObject(1, UUID.class), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<UUID> idByPayment(String provider, String paymentRef) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM customer_order WHERE provider = ? AND payment_ref = ?")) {
                s.setString(1, provider);
                s.setString(2, paymentRef);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void insert(NewOrder order) {
        Sql.run(c -> {
            insertOrder(c, order);
            insertLines(c, order);
            linkHolds(c, order);
        });
    }

    private void insertOrder(Connection c, NewOrder o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO customer_order (id, buyer, buyer_email, buyer_name, buyer_email_index, idempotency_key, request_sha256,
                                            currency, subtotal_minor, discount_minor, total_minor, coupon_id, provider, marketing_consent,
                                            marketing_consent_at, language, shop_url, buyer_phone, sms_confirmation, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END, ?, ?, ?, ?, now() + make_interval(mins => ?))""")) {
            Object[] values = {o.id(), o.buyer(), cipher.seal(o.email()), cipher.seal(o.name()), cipher.emailIndex(o.email()),
                    o.idempotencyKey(), o.requestSha256(),
                    o.quote().total().currency().getCurrencyCode(), o.quote().subtotal().minorUnits(),
                    o.quote().discount().minorUnits(), o.quote().total().minorUnits(), o.couponId(), o.provider(), o.marketingConsent(),
                    o.marketingConsent(), o.language(), o.shopUrl(), cipher.seal(o.phone()), o.smsConfirmation(), o.paymentMinutes()};
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static void insertLines(Connection c, NewOrder o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO order_line (order_id, ticket_type_id, name, quantity, unit_price_minor, discount_minor)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (PricedLine line : o.quote().lines()) {
                s.setObject(1, o.id());
                s.setLong(2, line.ticketTypeId());
                s.setString(3, line.name());
                s.setInt(4, line.quantity());
                s.setLong(5, line.unitPrice().minorUnits());
                s.setLong(6, line.discount().minorUnits());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The order's holds, kept as long as the order: the stock stays held while the buyer pays. */
    private static void linkHolds(Connection c, NewOrder o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO order_hold (order_id, hold_id) SELECT ?, unnest(?::uuid[])")) {
            s.setObject(1, o.id());
            s.setArray(2, c.createArrayOf("uuid", o.holdIds().toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE hold SET expires_at = greatest(hold.expires_at, o.expires_at)
                  FROM customer_order o WHERE o.id = ? AND hold.id = ANY(?)""")) {
            s.setObject(1, o.id());
            s.setArray(2, c.createArrayOf("uuid", o.holdIds().toArray()));
            s.executeUpdate();
        }
    }

    @Override
    public void attachPayment(UUID orderId, String paymentRef, String paymentUrl) {
        Sql.update("UPDATE customer_order SET payment_ref = ?, payment_url = ? WHERE id = ? AND payment_ref IS NULL",
                paymentRef, paymentUrl, orderId);
    }

    @Override
    public Optional<Contact> contact(UUID id) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT buyer_email, buyer_name, language, shop_url, buyer_phone, sms_confirmation FROM customer_order WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Contact(id, cipher.open(r.getString(1)), cipher.open(r.getString(2)), r.getString(3),
                            r.getString(4), cipher.open(r.getString(5)), r.getBoolean(6)));
                }
            }
        });
    }

    @Override
    public Optional<OrderView> find(UUID id) {
        return Sql.query(c -> {
            OrderView order;
            try (PreparedStatement s = c.prepareStatement("SELECT " + OrderRows.COLUMNS + " FROM customer_order WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    order = OrderRows.view(r, List.of(), cipher);
                }
            }
            List<PricedLine> lines = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT l.ticket_type_id, t.event_id, l.name, l.quantity, l.unit_price_minor, l.discount_minor
                      FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id WHERE l.order_id = ? ORDER BY l.ticket_type_id""")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String currency = order.total().currency().getCurrencyCode();
                        lines.add(new PricedLine(r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4),
                                Money.ofMinor(r.getLong(5), currency), Money.ofMinor(r.getLong(6), currency)));
                    }
                }
            }
            return Optional.of(new OrderView(order.id(), order.buyer(), order.buyerEmail(), order.status(), lines,
                    order.subtotal(), order.discount(), order.total(), order.refunded(), order.provider(), order.paymentRef(),
                    order.paymentUrl(), order.needsReview(), order.createdAt(), order.expiresAt(), order.paidAt(), order.tickets()));
        });
    }

    @Override
    public Optional<LockedOrder> lockByPayment(String provider, String paymentRef) {
        return Sql.query(c -> {
            return lock(c, "provider = ? AND payment_ref = ?", provider, paymentRef);
        });
    }

    @Override
    public Optional<LockedOrder> lockById(UUID orderId) {
        return Sql.query(c -> {
            return lock(c, "id = ?", orderId);
        });
    }

    @Override
    public UUID lockRefundOrder(UUID refundId) {
        return Sql.query(c -> {
            return lock(c, "id = (SELECT order_id FROM refund WHERE id = ?)", refundId).orElseThrow().id();
        });
    }

    private Optional<LockedOrder> lock(Connection c, String where, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, buyer, buyer_email, status, total_minor, currency, coupon_id, provider, payment_ref FROM customer_order
                 WHERE\s""" + where + " FOR UPDATE")) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockedOrder(r.getObject(1, UUID.class), r.getString(2), cipher.open(r.getString(3)),
                        OrderStatus.valueOf(r.getString(4)), Money.ofMinor(r.getLong(5), r.getString(6)),
                        r.getObject(7, Long.class), r.getString(8), r.getString(9)));
            }
        }
    }

    @Override
    public boolean move(UUID orderId, OrderStatus from, OrderStatus to) {
        return Sql.query(c -> {
            from.to(to);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE customer_order SET status = ?,
                           paid_at = CASE WHEN ? = 'PAID' THEN now() ELSE paid_at END,
                           ended_at = CASE WHEN ? IN ('CANCELLED', 'EXPIRED', 'REFUNDED') THEN now() ELSE ended_at END
                     WHERE id = ? AND status = ?""")) {
                s.setString(1, to.name());
                s.setString(2, to.name());
                s.setString(3, to.name());
                s.setObject(4, orderId);
                s.setString(5, from.name());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void clearFlag(UUID orderId) {
        Sql.update("UPDATE customer_order SET needs_review = NULL WHERE id = ?", orderId);
    }

    @Override
    public void flag(UUID orderId, String why) {
        String note = why.length() > 200 ? why.substring(0, 200) : why;
        // A flag always alerts staff: the alert is written with the flag, whichever rule raised it.
        Sql.update("""
                WITH flagged AS (UPDATE customer_order SET needs_review = ? WHERE id = ? RETURNING id)
                INSERT INTO outbox (topic, payload) SELECT 'order.flagged', jsonb_build_object('orderId', id::text, 'why', ?::text) FROM flagged""",
                note, orderId, note);
    }

    @Override
    public void markRefunded(UUID orderId) {
        // the lines carry the refund too: an order's refund is always the sum of its lines' (the sales report adds lines)
        Sql.update("""
                WITH refunded AS (UPDATE customer_order SET status = 'REFUNDED', refunded_minor = total_minor, ended_at = now()
                                   WHERE id = ? AND status = 'PAID' RETURNING id)
                UPDATE order_line SET refunded_quantity = quantity, refunded_minor = unit_price_minor * quantity - discount_minor
                 WHERE order_id IN (SELECT id FROM refunded)""", orderId);
    }

    @Override
    public Optional<DueOrder> claimDueForPaymentCheck(List<String> skipProviders) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE customer_order SET payment_checked_at = now()
                     WHERE id = (SELECT id FROM customer_order
                                  WHERE status = 'PENDING' AND expires_at <= now() AND payment_ref IS NOT NULL
                                    AND payment_checked_at IS NULL AND provider <> ALL (?)
                                  ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, provider""")) {
                s.setArray(1, c.createArrayOf("varchar", skipProviders.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new DueOrder(r.getObject(1, UUID.class), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Ended> expireDue(int limit) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE customer_order SET status = 'EXPIRED', ended_at = now()
                     WHERE id IN (SELECT id FROM customer_order WHERE status = 'PENDING' AND expires_at <= now()
                                   ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id, coupon_id, provider, payment_ref""")) {
                s.setInt(1, limit);
                List<Ended> ended = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ended.add(new Ended(r.getObject(1, UUID.class), (Long) r.getObject(2), r.getString(3), r.getString(4)));
                    }
                }
                return ended;
            }
        });
    }

    @Override
    public int sealLegacyBuyerData(int limit) {
        return Sql.query(c -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, buyer_email, buyer_name FROM customer_order
                     WHERE buyer_email_index IS NULL AND buyer_email NOT LIKE 'v1.%' LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Object[] {r.getObject(1, UUID.class), r.getString(2), r.getString(3)});
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE customer_order SET buyer_email = ?, buyer_name = ?, buyer_email_index = ? WHERE id = ?")) {
                for (Object[] row : rows) {
                    s.setString(1, cipher.seal((String) row[1]));
                    s.setString(2, cipher.seal((String) row[2]));
                    s.setString(3, cipher.emailIndex((String) row[1]));
                    s.setObject(4, row[0]);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return rows.size();
        });
    }
}
