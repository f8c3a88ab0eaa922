package io.ticketing.platform.infrastructure.persistence.stock;

import io.ticketing.platform.domain.stock.SoldTickets;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/** Valid tickets per ticket type, in the current tenant transaction. */
@ApplicationScoped
public class JdbcSoldTickets implements SoldTickets {

    @Override
    public Map<Long, Integer> validTickets(long[] ticketTypeIds) {
        return Sql.query(c -> {
            Map<Long, Integer> counts = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT ticket_type_id, count(*) FROM ticket WHERE status = 'VALID' AND ticket_type_id = ANY (?) GROUP BY ticket_type_id")) {
                s.setArray(1, c.createArrayOf("int8", JdbcHoldRepository.box(ticketTypeIds)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getLong(1), r.getInt(2));
                    }
                }
            }
            return counts;
        });
    }
}
