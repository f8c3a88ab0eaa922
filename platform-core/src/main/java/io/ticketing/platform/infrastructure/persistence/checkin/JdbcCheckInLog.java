package io.ticketing.platform.infrastructure.persistence.checkin;

import io.ticketing.platform.domain.checkin.CheckInLog;
import io.ticketing.platform.domain.checkin.CheckInOutcome;
import io.ticketing.platform.domain.checkin.TicketAtDoor;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Check-in state and the scan log in the current tenant transaction. */
@ApplicationScoped
public class JdbcCheckInLog implements CheckInLog {

    @Override
    public Optional<Admission> admit(String code, long eventId, String staff, String device) {
        // READ COMMITTED: a second scan of the same ticket waits for the first's row lock, then re-checks
        // checked_in_at IS NULL on the committed row and changes nothing.
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE ticket t SET checked_in_at = clock_timestamp(), checked_in_by = ?, checked_in_device = ?
                      FROM ticket_type tt
                     WHERE tt.id = t.ticket_type_id AND t.code = ? AND tt.event_id = ?
                       AND t.status = 'VALID' AND t.checked_in_at IS NULL
                    RETURNING t.id, tt.name, t.checked_in_at""")) {
                s.setString(1, staff);
                s.setString(2, device);
                s.setString(3, code);
                s.setLong(4, eventId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new Admission(r.getObject(1, UUID.class), r.getString(2), r.getTimestamp(3).toInstant()))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<TicketAtDoor> find(String code) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, t.code, e.id, e.title, tt.name, t.status = 'VALID', t.checked_in_at, t.checked_in_by, t.checked_in_device
                      FROM ticket t JOIN ticket_type tt ON tt.id = t.ticket_type_id JOIN event e ON e.id = tt.event_id
                     WHERE t.code = ?""")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Timestamp at = r.getTimestamp(7);
                    return Optional.of(new TicketAtDoor(r.getObject(1, UUID.class), r.getString(2), r.getLong(3), r.getString(4),
                            r.getString(5), r.getBoolean(6), at == null ? null : at.toInstant(), r.getString(8), r.getString(9)));
                }
            }
        });
    }

    @Override
    public Optional<String> eventTitle(long eventId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT title FROM event WHERE id = ?")) {
                s.setLong(1, eventId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void record(long eventId, UUID ticketId, String code, CheckInOutcome outcome, String staff, String device) {
        Sql.update("""
                INSERT INTO checkin_scan (event_id, ticket_id, code, admitted, outcome, staff, device)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", eventId, ticketId, code, outcome.admits(), outcome.name(), staff, device);
    }

    @Override
    public List<TypeCount> counts(long eventId) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT tt.id, tt.name,
                           count(t.id) FILTER (WHERE t.status = 'VALID' AND t.checked_in_at IS NOT NULL),
                           count(t.id) FILTER (WHERE t.status = 'VALID')
                      FROM ticket_type tt LEFT JOIN ticket t ON t.ticket_type_id = tt.id
                     WHERE tt.event_id = ?
                     GROUP BY tt.id, tt.name ORDER BY tt.id""")) {
                s.setLong(1, eventId);
                List<TypeCount> counts = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        counts.add(new TypeCount(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4)));
                    }
                }
                return counts;
            }
        });
    }
}
