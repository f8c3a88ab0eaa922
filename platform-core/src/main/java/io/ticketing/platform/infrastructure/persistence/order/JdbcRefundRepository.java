package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.RefundRepository;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Refunds in the current tenant transaction. */
@ApplicationScoped
public class JdbcRefundRepository implements RefundRepository {

    @Override
    public Optional<RefundRow> byKey(UUID orderId, String key) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, order_id, status, amount_minor, restock, lines::text, provider_ref FROM refund
                     WHERE order_id = ? AND idempotency_key = ?""")) {
                s.setObject(1, orderId);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.empty();
                }
            }
        });
    }

    private static RefundRow row(ResultSet r) throws SQLException {
        return new RefundRow(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3), r.getLong(4),
                r.getBoolean(5), r.getString(6), r.getString(7));
    }

    @Override
    public List<LineState> lines(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT ticket_type_id, name, quantity, refunded_quantity, unit_price_minor * quantity - discount_minor, refunded_minor
                      FROM order_line WHERE order_id = ? ORDER BY ticket_type_id""")) {
                s.setObject(1, orderId);
                List<LineState> lines = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        lines.add(new LineState(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4), r.getLong(5), r.getLong(6)));
                    }
                }
                return lines;
            }
        });
    }

    @Override
    public void count(UUID orderId, long ticketTypeId, int quantity, long amountMinor) {
        Sql.run(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE order_line SET refunded_quantity = refunded_quantity + ?, refunded_minor = refunded_minor + ?
                     WHERE order_id = ? AND ticket_type_id = ?""")) {
                s.setInt(1, quantity);
                s.setLong(2, amountMinor);
                s.setObject(3, orderId);
                s.setLong(4, ticketTypeId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE customer_order SET refunded_minor = refunded_minor + ? WHERE id = ?")) {
                s.setLong(1, amountMinor);
                s.setObject(2, orderId);
                s.executeUpdate();
            }
        });
    }

    @Override
    public void settleStatus(UUID orderId) {
        Sql.update("""
                    UPDATE customer_order SET status = CASE
                             WHEN refunded_minor = 0 AND NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = ? AND refunded_quantity > 0) THEN 'PAID'
                             WHEN NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = ? AND refunded_quantity < quantity) THEN 'REFUNDED'
                             ELSE 'PARTIALLY_REFUNDED' END,
                           ended_at = CASE WHEN NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = ? AND refunded_quantity < quantity)
                                           THEN now() ELSE NULL END
                     WHERE id = ?""", orderId, orderId, orderId, orderId);
    }

    @Override
    public void insert(UUID id, UUID orderId, String key, long amountMinor, boolean restock, String linesJson, String staff,
            String reason) {
        Sql.update("""
                    INSERT INTO refund (id, order_id, idempotency_key, status, amount_minor, restock, lines, staff, reason)
                    VALUES (?, ?, ?, 'RESERVED', ?, ?, ?::jsonb, ?, ?)""",
                    id, orderId, key, amountMinor, restock, linesJson, staff, reason);
    }

    @Override
    public boolean endReserved(UUID refundId, String status, String providerRef) {
        return Sql.update("""
                UPDATE refund SET status = ?, provider_ref = coalesce(?, provider_ref), ended_at = now()
                 WHERE id = ? AND status = 'RESERVED'""", status, providerRef, refundId) == 1;
    }

    @Override
    public void reserveAgain(UUID refundId, long amountMinor, String linesJson) {
        Sql.update("""
                UPDATE refund SET status = 'RESERVED', ended_at = NULL, reserved_at = now(), amount_minor = ?, lines = ?::jsonb
                 WHERE id = ?""", amountMinor, linesJson, refundId);
    }

    @Override
    public Optional<RefundRow> inFlight(UUID orderId, int seconds) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, order_id, status, amount_minor, restock, lines::text, provider_ref FROM refund
                     WHERE order_id = ? AND status = 'RESERVED' AND reserved_at > now() - make_interval(secs => ?)
                     ORDER BY reserved_at LIMIT 1""")) {
                s.setObject(1, orderId);
                s.setInt(2, seconds);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void resume(UUID refundId) {
        Sql.update("UPDATE refund SET reserved_at = now() WHERE id = ? AND status = 'RESERVED'", refundId);
    }

    @Override
    public String linesOf(UUID refundId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT lines::text FROM refund WHERE id = ?")) {
                s.setObject(1, refundId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }
}
