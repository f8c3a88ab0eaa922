package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The outbox in the current tenant transaction. */
@ApplicationScoped
public class JdbcOutbox implements Outbox {

    @Override
    public void add(String topic, String jsonPayload) {
        Sql.update("INSERT INTO outbox (topic, payload) VALUES (?, ?::jsonb)", topic, jsonPayload);
    }

    @Override
    public Backlog backlog() {
        // Both counts read partial indexes (outbox_unsent_idx, notification_due_idx): cheap however large the tables.
        return Sql.query(c -> {
            try (var s = c.prepareStatement("""
                    SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL) + (SELECT count(*) FROM notification WHERE status = 'PENDING'),
                           COALESCE(EXTRACT(EPOCH FROM now() - LEAST((SELECT min(created_at) FROM outbox WHERE sent_at IS NULL),
                                                                     (SELECT min(created_at) FROM notification WHERE status = 'PENDING'))), 0)
                    """); var r = s.executeQuery()) {
                r.next();
                return new Backlog(r.getLong(1), r.getDouble(2));
            }
        });
    }
}
