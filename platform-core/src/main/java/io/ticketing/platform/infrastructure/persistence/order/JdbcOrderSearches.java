package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Order searches in the current tenant transaction. */
@ApplicationScoped
public class JdbcOrderSearches implements OrderSearches {

    @Inject
    BuyerDataCipher cipher;

    @Override
    public List<OrderView> search(Search q) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + OrderRows.COLUMNS + """
                     FROM customer_order
                    WHERE (?::varchar IS NULL OR status = ?)
                      AND (?::bigint IS NULL OR EXISTS (SELECT 1 FROM order_line l JOIN ticket_type t ON t.id = l.ticket_type_id
                                                         WHERE l.order_id = customer_order.id AND t.event_id = ?))
                      AND (?::varchar IS NULL OR buyer_email_index = ?)
                      AND (?::timestamptz IS NULL OR created_at >= ?)
                      AND (?::timestamptz IS NULL OR created_at < ?)
                      AND (?::varchar IS NULL OR buyer = ?)
                      AND (NOT ? OR needs_review IS NOT NULL OR (status = 'PENDING' AND expires_at < now() - interval '1 minute'))
                      AND (?::varchar IS NULL OR id::text LIKE ?)
                    ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")) {
                String status = q.status() == null ? null : q.status().name();
                Timestamp from = q.from() == null ? null : Timestamp.from(q.from());
                Timestamp to = q.to() == null ? null : Timestamp.from(q.to());
                String emailIndex = cipher.emailIndex(q.email());
                Object[] values = {status, status, q.eventId(), q.eventId(), emailIndex, emailIndex, from, from, to, to,
                        q.buyer(), q.buyer(), q.stuckOnly(), q.orderNumber(), q.orderNumber() == null ? null : q.orderNumber() + "%",
                        q.limit(), q.offset()};
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                List<OrderView> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(OrderRows.view(r, List.of(), cipher));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public List<EmailLimit> emailLimits(String buyer, String email, long[] typeIds) {
        return Sql.query(c -> {
            List<EmailLimit> limits = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, t.name, t.max_per_buyer,
                           coalesce((SELECT sum(l.quantity - l.refunded_quantity) FROM order_line l
                                       JOIN customer_order o ON o.id = l.order_id
                                      WHERE l.ticket_type_id = t.id AND o.buyer_email_index = ?
                                        AND (o.status IN ('PAID', 'PARTIALLY_REFUNDED') OR (o.status = 'PENDING' AND o.buyer = ?))), 0)::int
                      FROM ticket_type t WHERE t.id = ANY (?) AND t.max_per_buyer IS NOT NULL ORDER BY t.id""")) {
                s.setString(1, cipher.emailIndex(email));
                s.setString(2, buyer);
                s.setArray(3, c.createArrayOf("int8", java.util.Arrays.stream(typeIds).boxed().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        limits.add(new EmailLimit(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4)));
                    }
                }
            }
            return limits;
        });
    }
}
