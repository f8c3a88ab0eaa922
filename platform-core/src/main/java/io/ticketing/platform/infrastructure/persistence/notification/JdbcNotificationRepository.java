package io.ticketing.platform.infrastructure.persistence.notification;

import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.infrastructure.persistence.Sql;
import io.ticketing.platform.infrastructure.persistence.order.BuyerDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Outbox events and deliveries in the current tenant transaction; recipients sealed under the shop's key. */
@ApplicationScoped
public class JdbcNotificationRepository implements NotificationRepository {

    private static final String VIEW_COLUMNS =
            "id, kind, channel, order_id, status, attempts, last_error, created_at, next_attempt_at, sent_at, parked_at";

    @Inject
    BuyerDataCipher cipher;

    @Override
    public List<OrderEvent> eventsOfOrder(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT e.id, e.title, e.starts_at, v.time_zone, v.name, v.address, v.city
                      FROM event e JOIN venue v ON v.id = e.venue_id
                     WHERE e.id IN (SELECT t.event_id FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id WHERE l.order_id = ?)
                     ORDER BY e.starts_at, e.id""")) {
                s.setObject(1, orderId);
                List<OrderEvent> events = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        events.add(new OrderEvent(r.getLong(1), r.getString(2),
                                r.getTimestamp(3).toInstant().atZone(java.time.ZoneId.of(r.getString(4))),
                                r.getString(5), r.getString(6), r.getString(7)));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public List<Event> claimEvents(int limit) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, topic, payload::text FROM outbox WHERE sent_at IS NULL
                     ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                s.setInt(1, limit);
                List<Event> events = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        events.add(new Event(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public void add(NewDelivery d) {
        Sql.update("""
                INSERT INTO notification (outbox_id, kind, channel, order_id, recipient, language, message_id, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, now())) ON CONFLICT DO NOTHING""",
                d.eventId(), d.kind().name(), d.channel(), d.orderId(), cipher.seal(d.recipient()), d.language(), d.messageId(),
                d.dueAt() == null ? null : Timestamp.from(d.dueAt()));
    }

    @Override
    public void markFannedOut(long eventId) {
        Sql.update("UPDATE outbox SET sent_at = now() WHERE id = ?", eventId);
    }

    @Override
    public Optional<Delivery> claimDue(List<String> channels) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT n.id, n.kind, n.channel, n.order_id, n.recipient, n.language, n.message_id, n.attempts, n.created_at,
                           o.payload::text
                      FROM notification n LEFT JOIN outbox o ON o.id = n.outbox_id
                     WHERE n.status = 'PENDING' AND n.next_attempt_at <= now() AND n.channel = ANY (?)
                     ORDER BY n.next_attempt_at, n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED""")) {
                s.setArray(1, c.createArrayOf("varchar", channels.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Delivery(r.getLong(1), NotificationKind.valueOf(r.getString(2)), r.getString(3),
                            r.getObject(4, UUID.class), cipher.open(r.getString(5)), r.getString(6), r.getString(7), r.getInt(8),
                            r.getTimestamp(9).toInstant(), r.getString(10)));
                }
            }
        });
    }

    @Override
    public void markSent(long id) {
        Sql.update("UPDATE notification SET status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = ?", id);
    }

    @Override
    public void markSkipped(long id, String why) {
        Sql.update("UPDATE notification SET status = 'SKIPPED', last_error = ? WHERE id = ?", why, id);
    }

    @Override
    public void markFailed(long id, String error, Instant nextAttemptAt) {
        String cut = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        if (nextAttemptAt == null) {
            Sql.update("""
                    UPDATE notification SET status = 'PARKED', attempts = attempts + 1, last_error = ?, parked_at = now()
                     WHERE id = ?""", cut, id);
        } else {
            Sql.update("UPDATE notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    cut, Timestamp.from(nextAttemptAt), id);
        }
    }

    @Override
    public boolean retry(long id) {
        return Sql.update("""
                UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = now(), parked_at = NULL
                 WHERE id = ? AND status = 'PARKED'""", id) == 1;
    }

    @Override
    public List<DeliveryView> list(String status, int limit) {
        return views("SELECT " + VIEW_COLUMNS + " FROM notification WHERE status = ? ORDER BY id DESC LIMIT ?", status, limit);
    }

    @Override
    public List<DeliveryView> ofOrder(UUID orderId) {
        return views("SELECT " + VIEW_COLUMNS + " FROM notification WHERE order_id = ? ORDER BY id", orderId);
    }

    private static List<DeliveryView> views(String sql, Object... parameters) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<DeliveryView> views = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        views.add(new DeliveryView(r.getLong(1), NotificationKind.valueOf(r.getString(2)), r.getString(3),
                                r.getObject(4, UUID.class), r.getString(5), r.getInt(6), r.getString(7), instant(r, 8),
                                instant(r, 9), instant(r, 10), instant(r, 11)));
                    }
                }
                return views;
            }
        });
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    @Override
    public Backlog backlog() {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE status = 'PENDING'),
                           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'PENDING'))::bigint, 0),
                           count(*) FILTER (WHERE status = 'PARKED')
                      FROM notification WHERE status <> 'SENT'""");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return new Backlog(r.getLong(1), r.getLong(2), r.getLong(3));
            }
        });
    }
}
