package io.ticketing.platform.infrastructure.order;

import io.ticketing.platform.infrastructure.stock.HeldTicket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Refunds and what they undo, in the current tenant's schema, on the caller's transaction. */
public final class RefundStore {

    private RefundStore() {
    }

    /** A refund as stored: {@code linesJson} is [{ticketTypeId, quantity, amountMinor}]. */
    public record RefundRow(UUID id, UUID orderId, String status, long amountMinor, boolean restock, String linesJson,
                            String providerRef) {
    }

    /** One line of an order as a refund sees it. */
    public record LineState(long ticketTypeId, String name, int quantity, int refundedQuantity, long netMinor, long refundedMinor) {
    }

    public static Optional<RefundRow> byKey(Connection c, UUID orderId, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, order_id, status, amount_minor, restock, lines::text, provider_ref FROM refund
                 WHERE order_id = ? AND idempotency_key = ?""")) {
            s.setObject(1, orderId);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static RefundRow row(ResultSet r) throws SQLException {
        return new RefundRow(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3), r.getLong(4),
                r.getBoolean(5), r.getString(6), r.getString(7));
    }

    public static List<LineState> lines(Connection c, UUID orderId) throws SQLException {
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
    }

    /** Counts (or, with negative numbers, uncounts) a refund against the order and its line. */
    public static void count(Connection c, UUID orderId, long ticketTypeId, int quantity, long amountMinor) throws SQLException {
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
    }

    /** Sets the order's status from what is refunded, whatever it was (reservations and their undoing). */
    public static void settleStatus(Connection c, UUID orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE customer_order SET status = CASE
                         WHEN refunded_minor = 0 AND NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = ? AND refunded_quantity > 0) THEN 'PAID'
                         WHEN NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = ? AND refunded_quantity < quantity) THEN 'REFUNDED'
                         ELSE 'PARTIALLY_REFUNDED' END,
                       ended_at = CASE WHEN NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = ? AND refunded_quantity < quantity)
                                       THEN now() ELSE NULL END
                 WHERE id = ?""")) {
            s.setObject(1, orderId);
            s.setObject(2, orderId);
            s.setObject(3, orderId);
            s.setObject(4, orderId);
            s.executeUpdate();
        }
    }

    public static void insert(Connection c, UUID id, UUID orderId, String key, long amountMinor, boolean restock, String linesJson,
                              String staff, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO refund (id, order_id, idempotency_key, status, amount_minor, restock, lines, staff, reason)
                VALUES (?, ?, ?, 'RESERVED', ?, ?, ?::jsonb, ?, ?)""")) {
            s.setObject(1, id);
            s.setObject(2, orderId);
            s.setString(3, key);
            s.setLong(4, amountMinor);
            s.setBoolean(5, restock);
            s.setString(6, linesJson);
            s.setString(7, staff);
            s.setString(8, reason);
            s.executeUpdate();
        }
    }

    public static void end(Connection c, UUID refundId, String status, String providerRef) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE refund SET status = ?, provider_ref = coalesce(?, provider_ref), ended_at = now() WHERE id = ?")) {
            s.setString(1, status);
            s.setString(2, providerRef);
            s.setObject(3, refundId);
            s.executeUpdate();
        }
    }

    /** A failed refund tried again, with what it counts this time. */
    public static void reserveAgain(Connection c, UUID refundId, long amountMinor, String linesJson) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE refund SET status = 'RESERVED', ended_at = NULL, amount_minor = ?, lines = ?::jsonb WHERE id = ?")) {
            s.setLong(1, amountMinor);
            s.setString(2, linesJson);
            s.setObject(3, refundId);
            s.executeUpdate();
        }
    }

    public static String linesOf(Connection c, UUID refundId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT lines::text FROM refund WHERE id = ?")) {
            s.setObject(1, refundId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /**
     * Voids {@code quantity} valid tickets of the type (the latest issued first) and returns the
     * seats they occupied, as held tickets, so the caller can put them back on sale.
     */
    public static List<HeldTicket> voidTickets(Connection c, UUID orderId, long ticketTypeId, int quantity) throws SQLException {
        List<HeldTicket> seats = new ArrayList<>();
        for (Integer slot : voidOnly(c, orderId, ticketTypeId, quantity)) {
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM hold_slot WHERE ctid = (
                        SELECT s.ctid FROM hold_slot s JOIN order_hold oh ON oh.hold_id = s.hold_id
                         WHERE oh.order_id = ? AND s.ticket_type_id = ? AND s.slot IS NOT DISTINCT FROM ? LIMIT 1)
                    RETURNING hold_id""")) {
                s.setObject(1, orderId);
                s.setLong(2, ticketTypeId);
                s.setObject(3, slot);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        seats.add(new HeldTicket(r.getObject(1, UUID.class), ticketTypeId, slot));
                    }
                }
            }
        }
        return seats;
    }

    /** Voids tickets without giving their seats back (the organizer keeps them off sale); returns the seats' slots (null when unnumbered). */
    public static List<Integer> voidOnly(Connection c, UUID orderId, long ticketTypeId, int quantity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE ticket SET status = 'VOID', voided_at = now()
                 WHERE id IN (SELECT id FROM ticket WHERE order_id = ? AND ticket_type_id = ? AND status = 'VALID'
                               ORDER BY issued_at DESC, id LIMIT ? FOR UPDATE)
                RETURNING slot""")) {
            s.setObject(1, orderId);
            s.setLong(2, ticketTypeId);
            s.setInt(3, quantity);
            List<Integer> slots = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    slots.add(r.getObject(1, Integer.class));
                }
            }
            return slots;
        }
    }
}
