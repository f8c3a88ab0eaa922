package io.ticketing.platform.infrastructure.persistence.stock;

import io.ticketing.platform.domain.stock.StockCounters;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;

/** Taken-counters on the ticket_type rows, in the current tenant transaction. */
@ApplicationScoped
public class JdbcStockCounters implements StockCounters {

    @Override
    public Optional<Counter> read(long ticketTypeId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT capacity, taken, stock_version FROM ticket_type WHERE id = ?")) {
                s.setLong(1, ticketTypeId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Counter(r.getInt(1), r.getInt(2), r.getLong(3))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean addIfUnchanged(long ticketTypeId, int quantity, long version) {
        return Sql.update("UPDATE ticket_type SET taken = taken + ?, stock_version = stock_version + 1 WHERE id = ? AND stock_version = ?",
                quantity, ticketTypeId, version) == 1;
    }

    @Override
    public int lockAndCountLeft(long ticketTypeId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT capacity - taken FROM ticket_type WHERE id = ? FOR UPDATE")) {
                s.setLong(1, ticketTypeId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public void add(long ticketTypeId, int quantity) {
        subtract(Map.of(ticketTypeId, -quantity));
    }

    @Override
    public void subtract(Map<Long, Integer> perType) {
        Sql.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE ticket_type SET taken = taken - ? WHERE id = ?")) {
                for (var e : perType.entrySet()) {
                    s.setInt(1, e.getValue());
                    s.setLong(2, e.getKey());
                    s.addBatch();
                }
                s.executeBatch();
            }
        });
    }

    @Override
    public void recountTaken() {
        Sql.run(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM ticket_type ORDER BY id FOR UPDATE")) {
                lock.executeQuery().close();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE ticket_type t SET taken = (SELECT count(*) FROM hold_slot s WHERE s.ticket_type_id = t.id)
                     WHERE taken <> (SELECT count(*) FROM hold_slot s WHERE s.ticket_type_id = t.id)""")) {
                s.executeUpdate();
            }
        });
    }
}
