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
}
