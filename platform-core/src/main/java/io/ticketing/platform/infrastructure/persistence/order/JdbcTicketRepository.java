package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.IssuedTicket;
import io.ticketing.platform.domain.order.PrintableTicket;
import io.ticketing.platform.domain.order.TicketRepository;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.stock.HeldTicket;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tickets in the current tenant transaction. */
@ApplicationScoped
public class JdbcTicketRepository implements TicketRepository {

    @Inject
    BuyerDataCipher cipher;

    @Override
    public int issueTickets(UUID orderId) {
        return Sql.update("""
                    INSERT INTO ticket (id, order_id, ticket_type_id, slot, code)
                    SELECT gen_random_uuid(), ?, s.ticket_type_id, s.slot, upper(replace(gen_random_uuid()::text, '-', ''))
                      FROM hold_slot s JOIN order_hold oh ON oh.hold_id = s.hold_id WHERE oh.order_id = ?""",
                      orderId, orderId);
    }

    @Override
    public List<IssuedTicket> ofOrder(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.code, t.ticket_type_id, tt.name, t.status = 'VALID'
                      FROM ticket t JOIN ticket_type tt ON tt.id = t.ticket_type_id
                     WHERE t.order_id = ? ORDER BY t.status = 'VALID' DESC, t.issued_at, t.ticket_type_id, t.code""")) {
                s.setObject(1, orderId);
                List<IssuedTicket> tickets = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tickets.add(new IssuedTicket(r.getString(1), r.getLong(2), r.getString(3), r.getBoolean(4)));
                    }
                }
                return tickets;
            }
        });
    }

    @Override
    public List<PrintableTicket> printable(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.code, e.title, e.starts_at, v.time_zone, v.name, v.address, v.city, v.country, tt.name,
                           o.buyer_name, l.unit_price_minor, o.currency
                      FROM ticket t
                      JOIN customer_order o ON o.id = t.order_id
                      JOIN order_line l ON l.order_id = t.order_id AND l.ticket_type_id = t.ticket_type_id
                      JOIN ticket_type tt ON tt.id = t.ticket_type_id
                      JOIN event e ON e.id = tt.event_id
                      JOIN venue v ON v.id = e.venue_id
                     WHERE t.order_id = ? AND t.status = 'VALID'
                     ORDER BY t.issued_at, t.ticket_type_id, t.code""")) {
                s.setObject(1, orderId);
                List<PrintableTicket> tickets = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tickets.add(new PrintableTicket(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                                ZoneId.of(r.getString(4)), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                                r.getString(9), cipher.open(r.getString(10)), Money.ofMinor(r.getLong(11), r.getString(12))));
                    }
                }
                return tickets;
            }
        });
    }

    @Override
    public List<TypeCount> issuedDifferingFromBought(UUID orderId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT coalesce(b.ticket_type_id, i.ticket_type_id), coalesce(b.quantity, 0), coalesce(i.issued, 0)
                      FROM (SELECT ticket_type_id, quantity - refunded_quantity AS quantity FROM order_line WHERE order_id = ?) b
                      FULL JOIN (SELECT ticket_type_id, count(*)::int AS issued FROM ticket
                                  WHERE order_id = ? AND status = 'VALID' GROUP BY ticket_type_id) i
                        ON i.ticket_type_id = b.ticket_type_id
                     WHERE coalesce(b.quantity, 0) <> coalesce(i.issued, 0)
                     ORDER BY 1""")) {
                s.setObject(1, orderId);
                s.setObject(2, orderId);
                List<TypeCount> differing = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        differing.add(new TypeCount(r.getLong(1), r.getInt(2), r.getInt(3)));
                    }
                }
                return differing;
            }
        });
    }

    @Override
    public List<HeldTicket> voidTickets(UUID orderId, long ticketTypeId, int quantity) {
        return Sql.query(c -> {
            List<HeldTicket> seats = new ArrayList<>();
            for (Integer slot : voidOnly(orderId, ticketTypeId, quantity)) {
                try (PreparedStatement s = c.prepareStatement("""
                        DELETE FROM hold_slot WHERE ctid = (
                            SELECT s.ctid FROM hold_slot s JOIN order_hold oh ON oh.hold_id = s.hold_id
                             WHERE oh.order_id = ? AND s.ticket_type_id = ? AND s.slot IS NOT DISTINCT FROM ? LIMIT 1)
                        RETURNING hold_id""")) {
                    s.setObject(1, orderId);
                    s.setLong(2, ticketTypeId);
                    s.setObject(3, slot);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            seats.add(new HeldTicket(r.getObject(1, UUID.class), ticketTypeId, slot));
                        }
                    }
                }
            }
            return seats;
        });
    }

    @Override
    public List<Integer> voidOnly(UUID orderId, long ticketTypeId, int quantity) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE ticket SET status = 'VOID', voided_at = now()
                     WHERE id IN (SELECT id FROM ticket WHERE order_id = ? AND ticket_type_id = ? AND status = 'VALID'
                                   ORDER BY issued_at DESC, id LIMIT ? FOR UPDATE)
                    RETURNING slot""")) {
                s.setObject(1, orderId);
                s.setLong(2, ticketTypeId);
                s.setInt(3, quantity);
                List<Integer> slots = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        slots.add(r.getObject(1, Integer.class));
                    }
                }
                return slots;
            }
        });
    }
}
