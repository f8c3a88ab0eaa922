package io.ticketing.platform.infrastructure.persistence.stock;

import io.ticketing.platform.domain.stock.HeldTicket;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.HoldRepository;
import io.ticketing.platform.domain.stock.HoldStatus;
import io.ticketing.platform.domain.stock.SellableType;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Holds in the current tenant transaction, in plain SQL: this is the on-sale hot path. */
@ApplicationScoped
public class JdbcHoldRepository implements HoldRepository {

    @Override
    public Map<Long, SellableType> sellableTypes(long[] ids) {
        return Sql.query(c -> {
            Map<Long, SellableType> types = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, t.name, t.capacity,
                           e.status = 'ON_SALE' AND (t.sale_starts_at IS NULL OR t.sale_starts_at <= now())
                               AND (t.sale_ends_at IS NULL OR now() < t.sale_ends_at),
                           t.max_per_order, t.max_per_buyer, e.hold_minutes
                      FROM ticket_type t JOIN event e ON e.id = t.event_id
                     WHERE t.id = ANY (?)""")) {
                s.setArray(1, c.createArrayOf("int8", box(ids)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        types.put(r.getLong(1), new SellableType(r.getLong(1), r.getString(2), r.getInt(3), r.getBoolean(4),
                                r.getInt(5), r.getObject(6, Integer.class), r.getInt(7)));
                    }
                }
            }
            return types;
        });
    }

    @Override
    public Map<Long, Integer> ticketsOfBuyer(String buyer, long[] typeIds) {
        return Sql.query(c -> {
            Map<Long, Integer> counts = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT s.ticket_type_id, count(*) FROM hold_slot s JOIN hold h ON h.id = s.hold_id
                     WHERE h.buyer = ? AND s.ticket_type_id = ANY (?) GROUP BY s.ticket_type_id""")) {
                s.setString(1, buyer);
                s.setArray(2, c.createArrayOf("int8", box(typeIds)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getLong(1), r.getInt(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public int ticketsHeldNow(String buyer, String clientKey, int enough) {
        String column = buyer != null ? "buyer" : "client_key";
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(l.quantity), 0) FROM (SELECT id FROM hold WHERE "
                    + column + " = ? AND status = 'ACTIVE' LIMIT ?) h JOIN hold_line l ON l.hold_id = h.id")) {
                s.setString(1, buyer != null ? buyer : clientKey);
                s.setInt(2, enough);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public Hold insert(UUID id, String buyer, String clientKey, int holdMinutes, List<HoldLine> lines, List<HeldTicket> tickets) {
        return Sql.query(c -> {
            Instant createdAt;
            Instant expiresAt;
            // One statement, one round trip: the hold, its lines and its tickets (foreign keys are checked at its end).
            try (PreparedStatement s = c.prepareStatement("""
                    WITH h AS (INSERT INTO hold (id, buyer, client_key, expires_at) VALUES (?, ?, ?, now() + make_interval(mins => ?))
                               RETURNING created_at, expires_at),
                         l AS (INSERT INTO hold_line (hold_id, ticket_type_id, quantity)
                               SELECT ?, unnest(?::int8[]), unnest(?::int4[])),
                         t AS (INSERT INTO hold_slot (hold_id, ticket_type_id, slot)
                               SELECT ?, unnest(?::int8[]), unnest(?::int4[]))
                    SELECT created_at, expires_at FROM h""")) {
                s.setObject(1, id);
                s.setString(2, buyer);
                s.setString(3, clientKey);
                s.setInt(4, holdMinutes);
                s.setObject(5, id);
                s.setArray(6, c.createArrayOf("int8", lines.stream().map(HoldLine::ticketTypeId).toArray()));
                s.setArray(7, c.createArrayOf("int4", lines.stream().map(HoldLine::quantity).toArray()));
                s.setObject(8, id);
                s.setArray(9, c.createArrayOf("int8", tickets.stream().map(HeldTicket::ticketTypeId).toArray()));
                s.setArray(10, c.createArrayOf("int4", tickets.stream().map(HeldTicket::slot).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    createdAt = r.getTimestamp(1).toInstant();
                    expiresAt = r.getTimestamp(2).toInstant();
                }
            }
            return new Hold(id, buyer, HoldStatus.ACTIVE, createdAt, expiresAt, false, List.copyOf(lines));
        });
    }

    @Override
    public Optional<Hold> find(UUID id, String buyer) {
        return Sql.query(c -> {
            HoldStatus status;
            Instant createdAt;
            Instant expiresAt;
            boolean extended;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT status, created_at, expires_at, extended_at IS NOT NULL FROM hold WHERE id = ? AND buyer = ?")) {
                s.setObject(1, id);
                s.setString(2, buyer);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    status = HoldStatus.valueOf(r.getString(1));
                    createdAt = r.getTimestamp(2).toInstant();
                    expiresAt = r.getTimestamp(3).toInstant();
                    extended = r.getBoolean(4);
                }
            }
            List<HoldLine> lines = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT ticket_type_id, quantity FROM hold_line WHERE hold_id = ? ORDER BY ticket_type_id")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        lines.add(new HoldLine(r.getLong(1), r.getInt(2)));
                    }
                }
            }
            return Optional.of(new Hold(id, buyer, status, createdAt, expiresAt, extended, List.copyOf(lines)));
        });
    }

    @Override
    public boolean release(UUID id, String buyer) {
        return Sql.update("""
                    UPDATE hold SET status = 'RELEASED', ended_at = now() WHERE id = ? AND buyer = ? AND status = 'ACTIVE'
                       AND NOT EXISTS (SELECT 1 FROM order_hold oh JOIN customer_order o ON o.id = oh.order_id
                                        WHERE oh.hold_id = hold.id AND o.status = 'PENDING')""",
                id, buyer) == 1;
    }

    @Override
    public Optional<Instant> extend(UUID id, String buyer, int minutes) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE hold SET expires_at = expires_at + make_interval(mins => ?), extended_at = now()
                     WHERE id = ? AND buyer = ? AND status = 'ACTIVE' AND extended_at IS NULL AND expires_at > now()
                       AND NOT EXISTS (SELECT 1 FROM order_hold oh WHERE oh.hold_id = hold.id)
                    RETURNING expires_at""")) {
                s.setInt(1, minutes);
                s.setObject(2, id);
                s.setString(3, buyer);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public boolean releaseAny(UUID id) {
        return Sql.update("UPDATE hold SET status = 'RELEASED', ended_at = now() WHERE id = ? AND status = 'ACTIVE'", id) == 1;
    }

    @Override
    public List<UUID> expireDue(int limit) {
        return Sql.query(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE hold SET status = 'EXPIRED', ended_at = now()
                     WHERE id IN (SELECT id FROM hold WHERE status = 'ACTIVE' AND expires_at <= now()
                                   ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id""")) {
                s.setInt(1, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public List<HeldTicket> deleteTickets(List<UUID> holdIds) {
        return Sql.query(c -> {
            List<HeldTicket> tickets = new ArrayList<>();
            if (holdIds.isEmpty()) {
                return tickets;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM hold_slot WHERE hold_id = ANY (?) RETURNING hold_id, ticket_type_id, slot")) {
                s.setArray(1, c.createArrayOf("uuid", holdIds.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tickets.add(new HeldTicket(r.getObject(1, UUID.class), r.getLong(2), r.getObject(3, Integer.class)));
                    }
                }
            }
            return tickets;
        });
    }

    @Override
    public Optional<StoredStock> storedStock(long ticketTypeId) {
        return Sql.query(c -> {
            int capacity;
            long version;
            // FOR SHARE: a capacity being changed right now is read once it is committed, not before
            try (PreparedStatement s = c.prepareStatement("SELECT capacity, version FROM ticket_type WHERE id = ? FOR SHARE")) {
                s.setLong(1, ticketTypeId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    capacity = r.getInt(1);
                    version = r.getLong(2);
                }
            }
            Set<Integer> slots = new HashSet<>();
            int unnumbered = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT slot FROM hold_slot WHERE ticket_type_id = ?")) {
                s.setLong(1, ticketTypeId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int slot = r.getInt(1);
                        if (r.wasNull()) {
                            unnumbered++;
                        } else {
                            slots.add(slot);
                        }
                    }
                }
            }
            return Optional.of(new StoredStock(capacity, version, slots, unnumbered));
        });
    }

    @Override
    public Map<Long, Integer> takenCounts(long[] typeIds) {
        return Sql.query(c -> {
            Map<Long, Integer> counts = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT ticket_type_id, count(*) FROM hold_slot WHERE ticket_type_id = ANY (?) GROUP BY ticket_type_id")) {
                s.setArray(1, c.createArrayOf("int8", box(typeIds)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getLong(1), r.getInt(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public Map<Long, Taken> soldAndHeld(long[] typeIds) {
        return Sql.query(c -> {
            Map<Long, Taken> counts = new HashMap<>();
            // a converted hold's rows are its order's tickets; an open hold's rows are held
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT s.ticket_type_id, count(*) FILTER (WHERE h.status = 'CONVERTED'), count(*) FILTER (WHERE h.status <> 'CONVERTED')
                      FROM hold_slot s JOIN hold h ON h.id = s.hold_id
                     WHERE s.ticket_type_id = ANY (?) GROUP BY s.ticket_type_id""")) {
                s.setArray(1, c.createArrayOf("int8", box(typeIds)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.put(r.getLong(1), new Taken(r.getInt(2), r.getInt(3)));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<Long> claimDueChecks(int limit, int intervalSeconds) {
        return Sql.query(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE stock_check SET due_at = now() + make_interval(secs => ?)
                     WHERE ticket_type_id IN (SELECT ticket_type_id FROM stock_check WHERE due_at <= now()
                                               ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING ticket_type_id""")) {
                s.setInt(1, intervalSeconds);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    static Long[] box(long[] ids) {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return boxed;
    }
}
