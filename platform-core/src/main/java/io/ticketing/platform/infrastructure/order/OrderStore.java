package io.ticketing.platform.infrastructure.order;

import io.ticketing.platform.domain.order.CouponTerms;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.order.Quote;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.stock.HoldLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Orders, their lines, holds and tickets in the current tenant's schema (the connection's
 * search_path). Plain SQL on the caller's transaction: every state change is a conditional UPDATE
 * whose row count says whether this caller made it.
 */
public final class OrderStore {

    private OrderStore() {
    }

    /** A hold as checkout sees it. */
    public record HoldRow(UUID id, String status, Instant expiresAt, UUID orderId) {
    }

    /** A coupon as checkout sees it. */
    public record CouponRow(long id, CouponTerms terms, Instant validFrom, Instant validUntil) {
    }

    /** The order's id and what its payment needs, locked for a state change. */
    public record LockedOrder(UUID id, String buyer, String buyerEmail, OrderStatus status, Money total, Long couponId,
                              String provider, String paymentRef) {
    }

    private static final String ORDER_COLUMNS = """
            id, buyer, buyer_email, status, currency, subtotal_minor, discount_minor, total_minor, refunded_minor,
            provider, payment_ref, payment_url, needs_review, created_at, expires_at, paid_at,
            (SELECT count(*) FROM ticket t WHERE t.order_id = customer_order.id AND t.status = 'VALID')""";

    /** An order placed under an Idempotency-Key, and the fingerprint of the request that placed it. */
    public record KeyedOrder(UUID id, String requestSha256) {
    }

    public static Optional<KeyedOrder> byIdempotencyKey(Connection c, String buyer, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, request_sha256 FROM customer_order WHERE buyer = ? AND idempotency_key = ?")) {
            s.setString(1, buyer);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new KeyedOrder(r.getObject(1, UUID.class), r.getString(2))) : Optional.empty();
            }
        }
    }

    /** The order a provider's payment belongs to, without locking it (for reading). */
    public static Optional<UUID> idByPayment(Connection c, String provider, String paymentRef) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM customer_order WHERE provider = ? AND payment_ref = ?")) {
            s.setString(1, provider);
            s.setString(2, paymentRef);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The buyer's holds among {@code ids}, locked; holds of others are simply not found. */
    public static List<HoldRow> lockHolds(Connection c, String buyer, List<UUID> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT h.id, h.status, h.expires_at, oh.order_id FROM hold h LEFT JOIN order_hold oh ON oh.hold_id = h.id
                 WHERE h.id = ANY(?) AND h.buyer = ? ORDER BY h.id FOR UPDATE OF h""")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.setString(2, buyer);
            List<HoldRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new HoldRow(r.getObject(1, UUID.class), r.getString(2), r.getTimestamp(3).toInstant(),
                            r.getObject(4, UUID.class)));
                }
            }
            return rows;
        }
    }

    /** What the holds contain, priced at today's list price, one line per ticket type. */
    public static List<PricedLine> pricedLines(Connection c, List<UUID> holdIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.id, t.event_id, t.name, sum(l.quantity)::int, t.price_minor, t.currency
                  FROM hold_line l JOIN ticket_type t ON t.id = l.ticket_type_id
                 WHERE l.hold_id = ANY(?) GROUP BY t.id ORDER BY t.id""")) {
            s.setArray(1, c.createArrayOf("uuid", holdIds.toArray()));
            List<PricedLine> lines = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(new PricedLine(r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4),
                            Money.ofMinor(r.getLong(5), r.getString(6)), null));
                }
            }
            return lines;
        }
    }

    public static Optional<CouponRow> coupon(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, percent_off, amount_off_minor, currency, valid_from, valid_until,
                       array(SELECT event_id FROM coupon_event WHERE coupon_id = coupon.id),
                       array(SELECT ticket_type_id FROM coupon_ticket_type WHERE coupon_id = coupon.id)
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
                        from == null ? null : from.toInstant(), until == null ? null : until.toInstant()));
            }
        }
    }

    private static Set<Long> ids(ResultSet r, int column) throws SQLException {
        Set<Long> ids = new HashSet<>();
        for (Long id : (Long[]) r.getArray(column).getArray()) {
            ids.add(id);
        }
        return ids;
    }

    /** One use of the coupon, if it has one left; false when used up (the CHECK agrees). */
    public static boolean redeem(Connection c, long couponId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE coupon SET times_used = times_used + 1 WHERE id = ? AND (usage_limit IS NULL OR times_used < usage_limit)")) {
            s.setLong(1, couponId);
            return s.executeUpdate() == 1;
        }
    }

    public static void returnCouponUse(Connection c, long couponId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE coupon SET times_used = times_used - 1 WHERE id = ? AND times_used > 0")) {
            s.setLong(1, couponId);
            s.executeUpdate();
        }
    }

    public static void insert(Connection c, UUID id, String buyer, String email, String name, String key, String requestHash,
                              Quote quote, Long couponId, String provider, int paymentMinutes, List<UUID> holdIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO customer_order (id, buyer, buyer_email, buyer_name, idempotency_key, request_sha256, currency,
                                            subtotal_minor, discount_minor, total_minor, coupon_id, provider, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(mins => ?))""")) {
            s.setObject(1, id);
            s.setString(2, buyer);
            s.setString(3, email);
            s.setString(4, name);
            s.setString(5, key);
            s.setString(6, requestHash);
            s.setString(7, quote.total().currency().getCurrencyCode());
            s.setLong(8, quote.subtotal().minorUnits());
            s.setLong(9, quote.discount().minorUnits());
            s.setLong(10, quote.total().minorUnits());
            s.setObject(11, couponId);
            s.setString(12, provider);
            s.setInt(13, paymentMinutes);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO order_line (order_id, ticket_type_id, name, quantity, unit_price_minor, discount_minor)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (PricedLine line : quote.lines()) {
                s.setObject(1, id);
                s.setLong(2, line.ticketTypeId());
                s.setString(3, line.name());
                s.setInt(4, line.quantity());
                s.setLong(5, line.unitPrice().minorUnits());
                s.setLong(6, line.discount().minorUnits());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO order_hold (order_id, hold_id) SELECT ?, unnest(?::uuid[])")) {
            s.setObject(1, id);
            s.setArray(2, c.createArrayOf("uuid", holdIds.toArray()));
            s.executeUpdate();
        }
        // The stock stays held while the buyer pays: the holds last as long as the order.
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE hold SET expires_at = greatest(hold.expires_at, o.expires_at)
                  FROM customer_order o WHERE o.id = ? AND hold.id = ANY(?)""")) {
            s.setObject(1, id);
            s.setArray(2, c.createArrayOf("uuid", holdIds.toArray()));
            s.executeUpdate();
        }
    }

    public static void attachPayment(Connection c, UUID orderId, String paymentRef, String paymentUrl) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE customer_order SET payment_ref = ?, payment_url = ? WHERE id = ? AND payment_ref IS NULL")) {
            s.setString(1, paymentRef);
            s.setString(2, paymentUrl);
            s.setObject(3, orderId);
            s.executeUpdate();
        }
    }

    public static Optional<OrderView> find(Connection c, UUID id) throws SQLException {
        OrderView order;
        try (PreparedStatement s = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM customer_order WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                order = view(r, List.of());
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
    }

    /** What staff search orders by; null fields do not filter. */
    public record Search(OrderStatus status, Long eventId, String email, Instant from, Instant to, String buyer,
                         boolean stuckOnly, int limit) {
    }

    /**
     * Orders matching the search, newest first, without lines. "Stuck" means: still PENDING a minute
     * past its time (the sweep has not run), or flagged for review (money and stock disagree).
     */
    public static List<OrderView> search(Connection c, Search q) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ORDER_COLUMNS + """
                 FROM customer_order
                WHERE (?::varchar IS NULL OR status = ?)
                  AND (?::bigint IS NULL OR EXISTS (SELECT 1 FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id
                                                     WHERE l.order_id = customer_order.id AND t.event_id = ?))
                  AND (?::varchar IS NULL OR lower(buyer_email) = lower(?))
                  AND (?::timestamptz IS NULL OR created_at >= ?)
                  AND (?::timestamptz IS NULL OR created_at < ?)
                  AND (?::varchar IS NULL OR buyer = ?)
                  AND (NOT ? OR needs_review IS NOT NULL OR (status = 'PENDING' AND expires_at < now() - interval '1 minute'))
                ORDER BY created_at DESC, id LIMIT ?""")) {
            String status = q.status() == null ? null : q.status().name();
            Timestamp from = q.from() == null ? null : Timestamp.from(q.from());
            Timestamp to = q.to() == null ? null : Timestamp.from(q.to());
            Object[] values = {status, status, q.eventId(), q.eventId(), q.email(), q.email(), from, from, to, to,
                    q.buyer(), q.buyer(), q.stuckOnly(), q.limit()};
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            List<OrderView> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(view(r, List.of()));
                }
            }
            return found;
        }
    }

    private static OrderView view(ResultSet r, List<PricedLine> lines) throws SQLException {
        String currency = r.getString(5);
        Timestamp paid = r.getTimestamp(16);
        return new OrderView(r.getObject(1, UUID.class), r.getString(2), r.getString(3), OrderStatus.valueOf(r.getString(4)),
                lines, Money.ofMinor(r.getLong(6), currency), Money.ofMinor(r.getLong(7), currency),
                Money.ofMinor(r.getLong(8), currency), Money.ofMinor(r.getLong(9), currency), r.getString(10),
                r.getString(11), r.getString(12), r.getString(13), r.getTimestamp(14).toInstant(),
                r.getTimestamp(15).toInstant(), paid == null ? null : paid.toInstant(), r.getInt(17));
    }

    /** The order a provider's payment belongs to, locked for its state change. */
    public static Optional<LockedOrder> lockByPayment(Connection c, String provider, String paymentRef) throws SQLException {
        return lock(c, "provider = ? AND payment_ref = ?", provider, paymentRef);
    }

    public static Optional<LockedOrder> lockById(Connection c, UUID orderId) throws SQLException {
        return lock(c, "id = ?", orderId);
    }

    /** The order a refund belongs to, locked. */
    public static UUID lockRefundOrder(Connection c, UUID refundId) throws SQLException {
        return lock(c, "id = (SELECT order_id FROM refund WHERE id = ?)", refundId).orElseThrow().id();
    }

    private static Optional<LockedOrder> lock(Connection c, String where, Object... values) throws SQLException {
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
                return Optional.of(new LockedOrder(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                        OrderStatus.valueOf(r.getString(4)), Money.ofMinor(r.getLong(5), r.getString(6)),
                        r.getObject(7, Long.class), r.getString(8), r.getString(9)));
            }
        }
    }

    /** The one conditional step of an order's life: true only for the caller that made it. */
    public static boolean move(Connection c, UUID orderId, OrderStatus from, OrderStatus to) throws SQLException {
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
    }

    public static void clearFlag(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE customer_order SET needs_review = NULL WHERE id = ?")) {
            s.setObject(1, orderId);
            s.executeUpdate();
        }
    }

    public static void flag(Connection c, UUID orderId, String why) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE customer_order SET needs_review = ? WHERE id = ?")) {
            s.setString(1, why.length() > 200 ? why.substring(0, 200) : why);
            s.setObject(2, orderId);
            s.executeUpdate();
        }
    }

    /** Turns the order's active holds into sales; returns how many of its holds were still active. */
    public static int convertHolds(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE hold SET status = 'CONVERTED', ended_at = now()
                 WHERE id IN (SELECT hold_id FROM order_hold WHERE order_id = ?) AND status = 'ACTIVE'""")) {
            s.setObject(1, orderId);
            return s.executeUpdate();
        }
    }

    public static int holdCount(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM order_hold WHERE order_id = ?")) {
            s.setObject(1, orderId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    public static List<UUID> holdIds(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT hold_id FROM order_hold WHERE order_id = ?")) {
            s.setObject(1, orderId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** What the order's holds that are no longer active asked for, per ticket type (seats a late payment must take again). */
    public static List<HoldLine> linesOfEndedHolds(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT l.ticket_type_id, sum(l.quantity)::int FROM hold_line l JOIN hold h ON h.id = l.hold_id
                  JOIN order_hold oh ON oh.hold_id = h.id
                 WHERE oh.order_id = ? AND h.status <> 'ACTIVE' AND h.status <> 'CONVERTED'
                 GROUP BY l.ticket_type_id ORDER BY l.ticket_type_id""")) {
            s.setObject(1, orderId);
            List<HoldLine> lines = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(new HoldLine(r.getLong(1), r.getInt(2)));
                }
            }
            return lines;
        }
    }

    public static void attachHold(Connection c, UUID orderId, UUID holdId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO order_hold (order_id, hold_id) VALUES (?, ?)")) {
            s.setObject(1, orderId);
            s.setObject(2, holdId);
            s.executeUpdate();
        }
    }

    /** A paid order whose money went back in full (a late payment without seats). */
    public static void markRefunded(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE customer_order SET status = 'REFUNDED', refunded_minor = total_minor, ended_at = now() WHERE id = ? AND status = 'PAID'")) {
            s.setObject(1, orderId);
            s.executeUpdate();
        }
    }

    /** One ticket per held seat, with an unguessable code (122 random bits); returns how many. */
    public static int issueTickets(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO ticket (id, order_id, ticket_type_id, slot, code)
                SELECT gen_random_uuid(), ?, s.ticket_type_id, s.slot, upper(replace(gen_random_uuid()::text, '-', ''))
                  FROM hold_slot s JOIN order_hold oh ON oh.hold_id = s.hold_id WHERE oh.order_id = ?""")) {
            s.setObject(1, orderId);
            s.setObject(2, orderId);
            return s.executeUpdate();
        }
    }

    /** Written in the transaction that made it true; a later sender delivers it. */
    public static void outbox(Connection c, String topic, String jsonPayload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (topic, payload) VALUES (?, ?::jsonb)")) {
            s.setString(1, topic);
            s.setString(2, jsonPayload);
            s.executeUpdate();
        }
    }

    /** Records a callback; false when a verified first delivery of the same event was recorded before (a replay). */
    public static boolean recordCallback(Connection c, String provider, String eventId, String paymentRef, boolean signatureOk,
                                         boolean replay, String payloadSha256, String outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO payment_callback (provider, event_id, payment_ref, signature_ok, replay, payload_sha256, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (provider, event_id) WHERE signature_ok AND NOT replay DO NOTHING""")) {
            s.setString(1, provider);
            s.setString(2, eventId);
            s.setString(3, paymentRef);
            s.setBoolean(4, signatureOk);
            s.setBoolean(5, replay);
            s.setString(6, payloadSha256);
            s.setString(7, outcome.length() > 200 ? outcome.substring(0, 200) : outcome);
            return s.executeUpdate() == 1;
        }
    }

    public static void setCallbackOutcome(Connection c, String provider, String eventId, String outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE payment_callback SET outcome = ? WHERE provider = ? AND event_id = ? AND signature_ok AND NOT replay""")) {
            s.setString(1, outcome.length() > 200 ? outcome.substring(0, 200) : outcome);
            s.setString(2, provider);
            s.setString(3, eventId);
            s.executeUpdate();
        }
    }

    /** A due order claimed for a payment check, and its provider. */
    public record DueOrder(UUID id, String provider) {
    }

    /**
     * Claims the oldest due PENDING order whose payment was started and nobody has asked about yet,
     * leaving out orders of providers already found down this round (SKIP LOCKED: one node per order).
     */
    public static Optional<DueOrder> claimDueForPaymentCheck(Connection c, List<String> skipProviders) throws SQLException {
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
    }

    /** Ends due PENDING orders (claimed with SKIP LOCKED, so many nodes can sweep); returns their coupon ids. */
    public static List<Long> expireDue(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE customer_order SET status = 'EXPIRED', ended_at = now()
                 WHERE id IN (SELECT id FROM customer_order WHERE status = 'PENDING' AND expires_at <= now()
                               ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING coalesce(coupon_id, 0)""")) {
            s.setInt(1, limit);
            List<Long> coupons = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    coupons.add(r.getLong(1));
                }
            }
            return coupons;
        }
    }

    /** Whether the shop lets buyers without an account check out with an e-mail address. */
    public static boolean guestCheckout(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT guest_checkout FROM checkout_settings");
             ResultSet r = s.executeQuery()) {
            return r.next() && r.getBoolean(1);
        }
    }

    public static void setGuestCheckout(Connection c, boolean enabled) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE checkout_settings SET guest_checkout = ?, updated_at = now()")) {
            s.setBoolean(1, enabled);
            s.executeUpdate();
        }
    }

    /** A per-buyer limit of a ticket type, and how many of it this e-mail address already has in live orders. */
    public record EmailLimit(long ticketTypeId, String name, int maxPerBuyer, int alreadyOrdered) {
    }

    /**
     * The per-buyer limits among these ticket types, each with the tickets that orders to this
     * e-mail address (pending or paid, less refunded) already count against it.
     */
    public static List<EmailLimit> emailLimits(Connection c, String email, long[] typeIds) throws SQLException {
        List<EmailLimit> limits = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.id, t.name, t.max_per_buyer,
                       coalesce((SELECT sum(l.quantity - l.refunded_quantity) FROM order_line l
                                   JOIN customer_order o ON o.id = l.order_id
                                  WHERE l.ticket_type_id = t.id AND lower(o.buyer_email) = lower(?)
                                    AND o.status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED')), 0)::int
                  FROM ticket_type t WHERE t.id = ANY (?) AND t.max_per_buyer IS NOT NULL ORDER BY t.id""")) {
            s.setString(1, email);
            s.setArray(2, c.createArrayOf("int8", java.util.Arrays.stream(typeIds).boxed().toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    limits.add(new EmailLimit(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4)));
                }
            }
        }
        return limits;
    }
}
