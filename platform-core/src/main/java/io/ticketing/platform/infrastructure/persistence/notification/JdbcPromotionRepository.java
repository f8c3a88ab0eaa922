package io.ticketing.platform.infrastructure.persistence.notification;

import io.ticketing.platform.domain.notification.PromotionRepository;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Promotions and unsubscriptions in the current tenant transaction. */
@ApplicationScoped
public class JdbcPromotionRepository implements PromotionRepository {

    @Override
    public long add(String subject, String body, String createdBy) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO promotion (subject, body, created_by) VALUES (?, ?, ?) RETURNING id")) {
                s.setString(1, subject);
                s.setString(2, body);
                s.setString(3, createdBy);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<Promotion> find(long id) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT subject, body FROM promotion WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Promotion(id, r.getString(1), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void recordRecipients(long id, int recipients) {
        Sql.update("UPDATE promotion SET recipients = ? WHERE id = ?", recipients, id);
    }

    @Override
    public List<PromotionView> recent(int limit) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT p.id, p.subject, p.created_by, p.created_at, p.recipients,
                           count(n.id) FILTER (WHERE n.status = 'SENT'), count(n.id) FILTER (WHERE n.status = 'PENDING'),
                           count(n.id) FILTER (WHERE n.status = 'SKIPPED'), count(n.id) FILTER (WHERE n.status = 'PARKED')
                      FROM promotion p
                      LEFT JOIN outbox o ON o.topic = 'promotion.created' AND (o.payload->>'promotionId')::bigint = p.id
                      LEFT JOIN notification n ON n.outbox_id = o.id
                     GROUP BY p.id ORDER BY p.id DESC LIMIT ?""")) {
                s.setInt(1, limit);
                List<PromotionView> views = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        views.add(new PromotionView(r.getLong(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                                (Integer) r.getObject(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9)));
                    }
                }
                return views;
            }
        });
    }

    @Override
    public List<UUID> audience() {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT latest.id FROM (
                        SELECT DISTINCT ON (buyer_email_index) id, buyer_email_index, marketing_consent, marketing_consent_at
                          FROM customer_order WHERE buyer_email_index IS NOT NULL
                         ORDER BY buyer_email_index, created_at DESC) latest
                      LEFT JOIN unsubscribed u ON u.email_index = latest.buyer_email_index
                     WHERE latest.marketing_consent AND (u.at IS NULL OR u.at < latest.marketing_consent_at)
                     ORDER BY latest.id""");
                 ResultSet r = s.executeQuery()) {
                List<UUID> orders = new ArrayList<>();
                while (r.next()) {
                    orders.add(r.getObject(1, UUID.class));
                }
                return orders;
            }
        });
    }

    @Override
    public boolean unsubscribedSince(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT 1 FROM customer_order o JOIN unsubscribed u ON u.email_index = o.buyer_email_index
                     WHERE o.id = ? AND (o.marketing_consent_at IS NULL OR u.at >= o.marketing_consent_at)""")) {
                s.setObject(1, orderId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public Optional<String> emailIndexOf(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT buyer_email_index FROM customer_order WHERE id = ?")) {
                s.setObject(1, orderId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean unsubscribe(String emailIndex) {
        return Sql.update("""
                INSERT INTO unsubscribed (email_index) VALUES (?)
                ON CONFLICT (email_index) DO UPDATE SET at = now()
                WHERE unsubscribed.at < (SELECT max(marketing_consent_at) FROM customer_order WHERE buyer_email_index = ?)""",
                emailIndex, emailIndex) == 1;
    }

    @Override
    public boolean knows(String emailIndex) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM customer_order WHERE buyer_email_index = ? LIMIT 1")) {
                s.setString(1, emailIndex);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }
}
