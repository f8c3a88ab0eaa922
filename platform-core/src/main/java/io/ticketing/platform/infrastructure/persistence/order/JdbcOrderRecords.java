package io.ticketing.platform.infrastructure.persistence.order;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.order.OrderRecords;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An order's coupon, callbacks, refunds and tickets in the current tenant transaction. */
@ApplicationScoped
public class JdbcOrderRecords implements OrderRecords {

    @Override
    public Optional<String> couponCode(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT k.code FROM customer_order o JOIN coupon k ON k.id = o.coupon_id WHERE o.id = ?")) {
                s.setObject(1, orderId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Callback> callbacks(String provider, String paymentRef) {
        if (paymentRef == null) {
            return List.of();
        }
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, received_at, event_id, signature_ok, replay, outcome FROM payment_callback
                     WHERE provider = ? AND payment_ref = ? ORDER BY received_at, id LIMIT 200""")) {
                s.setString(1, provider);
                s.setString(2, paymentRef);
                List<Callback> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Callback(r.getLong(1), instant(r.getTimestamp(2)), r.getString(3), r.getBoolean(4),
                                r.getBoolean(5), r.getString(6)));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public List<Refund> refunds(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, status, amount_minor, restock, lines::text, staff, provider_ref, reason, created_at FROM refund
                     WHERE order_id = ? ORDER BY created_at, id""")) {
                s.setObject(1, orderId);
                List<Refund> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Refund(r.getObject(1, UUID.class), r.getString(2), r.getLong(3), r.getBoolean(4),
                                lines(r.getString(5)), r.getString(6), r.getString(7), r.getString(8), instant(r.getTimestamp(9))));
                    }
                }
                return found;
            }
        });
    }

    private static List<RefundedLine> lines(String json) {
        List<RefundedLine> lines = new ArrayList<>();
        for (JsonValue v : JSON.createReader(new StringReader(json)).readArray()) {
            var line = v.asJsonObject();
            lines.add(new RefundedLine(line.getJsonNumber("ticketTypeId").longValue(), line.getInt("quantity"),
                    line.containsKey("amountMinor") ? line.getJsonNumber("amountMinor").longValue() : 0));
        }
        return lines;
    }

    @Override
    public List<Ticket> tickets(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.code, t.ticket_type_id, tt.name, t.status = 'VALID', t.checked_in_at, t.checked_in_by
                      FROM ticket t JOIN ticket_type tt ON tt.id = t.ticket_type_id
                     WHERE t.order_id = ? ORDER BY tt.name, t.issued_at, t.code""")) {
                s.setObject(1, orderId);
                List<Ticket> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Ticket(r.getString(1), r.getLong(2), r.getString(3), r.getBoolean(4),
                                instant(r.getTimestamp(5)), r.getString(6)));
                    }
                }
                return found;
            }
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
