package io.ticketing.platform.infrastructure.persistence.catalog;

import io.ticketing.platform.domain.catalog.EventCancellations;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The cancellation's reads and its refund run, in the current tenant transaction. */
@ApplicationScoped
public class JdbcEventCancellations implements EventCancellations {

    /** Orders with at least one line of the event's ticket types. */
    private static final String ORDERS_OF_EVENT = """
            SELECT o.id FROM customer_order o
             WHERE EXISTS (SELECT 1 FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id
                            WHERE l.order_id = o.id AND t.event_id = ?)""";
    private static final String ROW_COLUMNS = """
            event_id, order_id, status, attempts, amount_minor, currency, reason, requested_by, finished_at""";

    @Override
    public Impact impact(long eventId) {
        return Sql.query(c -> {
            List<Paid> paid = new ArrayList<>();
            int paidOrders = 0;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT o.currency, count(DISTINCT o.id),
                           sum(l.unit_price_minor * l.quantity - l.discount_minor - l.refunded_minor)
                      FROM customer_order o JOIN order_line l ON l.order_id = o.id JOIN ticket_type t ON t.id = l.ticket_type_id
                     WHERE t.event_id = ? AND o.status IN ('PAID', 'PARTIALLY_REFUNDED')
                     GROUP BY o.currency ORDER BY o.currency""")) {
                s.setLong(1, eventId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        paid.add(new Paid(r.getString(1), r.getInt(2), r.getLong(3)));
                        paidOrders += r.getInt(2);
                    }
                }
            }
            int tickets = count(c, """
                    SELECT count(*) FROM ticket k JOIN ticket_type t ON t.id = k.ticket_type_id
                     WHERE t.event_id = ? AND k.status = 'VALID'""", eventId);
            int unpaid = count(c, "SELECT count(*) FROM (" + ORDERS_OF_EVENT + " AND o.status = 'PENDING') x", eventId);
            int holds = count(c, "SELECT count(*) FROM (" + BASKET_HOLDS + ") x", eventId);
            return new Impact(List.copyOf(paid), paidOrders, tickets, unpaid, holds);
        });
    }

    private static final String BASKET_HOLDS = """
            SELECT h.id FROM hold h
             WHERE h.status = 'ACTIVE'
               AND EXISTS (SELECT 1 FROM hold_line hl JOIN ticket_type t ON t.id = hl.ticket_type_id
                            WHERE hl.hold_id = h.id AND t.event_id = ?)
               AND NOT EXISTS (SELECT 1 FROM order_hold oh WHERE oh.hold_id = h.id)""";

    @Override
    public List<UUID> unpaidOrders(long eventId) {
        return ids(ORDERS_OF_EVENT + " AND o.status = 'PENDING'", eventId);
    }

    @Override
    public List<UUID> basketHolds(long eventId) {
        return ids(BASKET_HOLDS, eventId);
    }

    @Override
    public int enqueue(long eventId, String requestedBy) {
        return Sql.update("INSERT INTO event_cancel_refund (event_id, order_id, requested_by) SELECT ?, x.id, ? FROM ("
                + ORDERS_OF_EVENT + " AND o.status IN ('PAID', 'PARTIALLY_REFUNDED')) x ON CONFLICT DO NOTHING",
                eventId, requestedBy, eventId);
    }

    @Override
    public List<RefundRow> claim(String node, int limit, Duration stale) {
        List<RefundRow> due = select("""
                WHERE (event_id, order_id) IN (
                    SELECT event_id, order_id FROM event_cancel_refund
                     WHERE (status = 'PENDING' AND due_at <= now())
                        OR (status = 'RUNNING' AND claimed_at < now() - make_interval(secs => ?))
                     ORDER BY due_at FOR UPDATE SKIP LOCKED LIMIT ?)""", (double) stale.toSeconds(), limit);
        for (RefundRow row : due) {
            Sql.update("""
                    UPDATE event_cancel_refund SET status = 'RUNNING', node = ?, claimed_at = now(), attempts = attempts + 1
                     WHERE event_id = ? AND order_id = ?""", node, row.eventId(), row.orderId());
        }
        return due;
    }

    @Override
    public boolean finish(long eventId, UUID orderId, String node, String status, Long amountMinor, String currency, String reason) {
        return Sql.update("""
                UPDATE event_cancel_refund SET status = ?, amount_minor = ?, currency = ?, reason = left(?, 500), finished_at = now()
                 WHERE event_id = ? AND order_id = ? AND node = ? AND status = 'RUNNING'""",
                status, amountMinor, currency, reason, eventId, orderId, node) == 1;
    }

    @Override
    public void later(long eventId, UUID orderId, String node, String reason, Duration delay) {
        Sql.update("""
                UPDATE event_cancel_refund SET status = 'PENDING', reason = left(?, 500), due_at = now() + make_interval(secs => ?)
                 WHERE event_id = ? AND order_id = ? AND node = ? AND status = 'RUNNING'""",
                reason, (double) delay.toSeconds(), eventId, orderId, node);
    }

    @Override
    public int retryFailed(long eventId) {
        return Sql.update("""
                UPDATE event_cancel_refund SET status = 'PENDING', attempts = 0, due_at = now(), finished_at = NULL
                 WHERE event_id = ? AND status = 'FAILED'""", eventId);
    }

    @Override
    public List<RefundRow> rows(long eventId) {
        return select("WHERE event_id = ? ORDER BY created_at, order_id", eventId);
    }

    @Override
    public String currencyOf(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT currency FROM customer_order WHERE id = ?")) {
                s.setObject(1, orderId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    @Override
    public Map<Long, Integer> refundableLines(UUID orderId, long eventId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT l.ticket_type_id, l.quantity - l.refunded_quantity
                      FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id
                     WHERE l.order_id = ? AND t.event_id = ? AND l.quantity > l.refunded_quantity
                     ORDER BY l.ticket_type_id""")) {
                s.setObject(1, orderId);
                s.setLong(2, eventId);
                Map<Long, Integer> lines = new LinkedHashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        lines.put(r.getLong(1), r.getInt(2));
                    }
                }
                return lines;
            }
        });
    }

    private List<RefundRow> select(String where, Object... parameters) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM event_cancel_refund " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<RefundRow> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long amount = r.getLong(5);
                        Long amountMinor = r.wasNull() ? null : amount;
                        rows.add(new RefundRow(r.getLong(1), r.getObject(2, UUID.class), r.getString(3), r.getInt(4), amountMinor,
                                r.getString(6), r.getString(7), r.getString(8), r.getObject(9, OffsetDateTime.class)));
                    }
                }
                return rows;
            }
        });
    }

    private List<UUID> ids(String sql, long eventId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, eventId);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    private static int count(java.sql.Connection c, String sql, long eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
