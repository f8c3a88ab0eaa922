package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.OrderHolds;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Orders' holds in the current tenant transaction. */
@ApplicationScoped
public class JdbcOrderHolds implements OrderHolds {

    @Override
    public List<HoldRow> lockHolds(String buyer, List<UUID> ids) {
        return Sql.query(c -> {
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
        });
    }

    @Override
    public List<PricedLine> pricedLines(List<UUID> holdIds) {
        return Sql.query(c -> {
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
        });
    }

    @Override
    public int lockOrderHolds(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT h.id FROM hold h JOIN order_hold oh ON oh.hold_id = h.id
                     WHERE oh.order_id = ? ORDER BY h.id FOR UPDATE OF h""")) {
                s.setObject(1, orderId);
                int locked = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        locked++;
                    }
                }
                return locked;
            }
        });
    }

    @Override
    public int convertHolds(UUID orderId) {
        return Sql.update("""
                    UPDATE hold SET status = 'CONVERTED', ended_at = now()
                     WHERE id IN (SELECT hold_id FROM order_hold WHERE order_id = ?) AND status = 'ACTIVE'""", orderId);
    }

    @Override
    public int holdCount(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM order_hold WHERE order_id = ?")) {
                s.setObject(1, orderId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public List<UUID> holdIds(UUID orderId) {
        return Sql.query(c -> {
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
        });
    }

    @Override
    public List<HoldLine> linesOfEndedHolds(UUID orderId) {
        return Sql.query(c -> {
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
        });
    }

    @Override
    public void attachHold(UUID orderId, UUID holdId) {
        Sql.update("INSERT INTO order_hold (order_id, hold_id) VALUES (?, ?)", orderId, holdId);
    }
}
