package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;

/** The outbox in the current tenant transaction. */
@ApplicationScoped
public class JdbcOutbox implements Outbox {

    @Override
    public void add(String topic, String jsonPayload) {
        Sql.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (topic, payload) VALUES (?, ?::jsonb)")) {
                s.setString(1, topic);
                s.setString(2, jsonPayload);
                s.executeUpdate();
            }
        });
    }
}
