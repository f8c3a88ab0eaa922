package io.ticketing.platform.infrastructure.persistence.report;

import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportFrequency;
import io.ticketing.platform.domain.report.ReportSubscription;
import io.ticketing.platform.domain.report.ReportSubscriptions;
import io.ticketing.platform.infrastructure.persistence.Sql;
import io.ticketing.platform.json.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Report subscriptions in the current tenant transaction; the filter as jsonb, its ids sorted (one spelling per filter). */
@ApplicationScoped
public class JdbcReportSubscriptions implements ReportSubscriptions {

    private static final String COLUMNS = """
            id, subject, email, frequency, format, locale, zone, filter::text, shop_url, next_run_at, created_at""";

    @Override
    public boolean insert(ReportSubscription s) {
        return Sql.update("""
                INSERT INTO report_subscription (id, subject, email, frequency, format, locale, zone, filter, shop_url, next_run_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (subject, frequency, format, filter) DO NOTHING""",
                s.id(), s.subject(), s.email(), s.frequency().name(), s.format().name(), s.locale(), s.zone().getId(), filterJson(s),
                s.shopUrl(), Timestamp.from(s.nextRunAt())) == 1;
    }

    @Override
    public Optional<ReportSubscription> same(ReportSubscription like) {
        return select("WHERE subject = ? AND frequency = ? AND format = ? AND filter = ?::jsonb", like.subject(),
                like.frequency().name(), like.format().name(), filterJson(like)).stream().findFirst();
    }

    @Override
    public Optional<ReportSubscription> find(UUID id) {
        return select("WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<ReportSubscription> of(String subject) {
        return select("WHERE subject = ? ORDER BY created_at, id", subject);
    }

    @Override
    public boolean delete(UUID id, String subject) {
        return Sql.update("DELETE FROM report_subscription WHERE id = ? AND subject = ?", id, subject) == 1;
    }

    @Override
    public List<ReportSubscription> claimDue(Instant now, int limit) {
        return select("WHERE next_run_at <= ? ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED", Timestamp.from(now), limit);
    }

    @Override
    public void reschedule(UUID id, Instant nextRunAt) {
        Sql.update("UPDATE report_subscription SET next_run_at = ? WHERE id = ?", Timestamp.from(nextRunAt), id);
    }

    static String filterJson(ReportSubscription s) {
        JsonArrayBuilder events = JsonFields.JSON.createArrayBuilder();
        s.eventIds().stream().sorted().distinct().forEach(events::add);
        JsonArrayBuilder types = JsonFields.JSON.createArrayBuilder();
        s.ticketTypeIds().stream().sorted().distinct().forEach(types::add);
        JsonObjectBuilder json = JsonFields.JSON.createObjectBuilder().add("events", events).add("ticketTypes", types);
        if (s.paymentMethod() != null) {
            json.add("paymentMethod", s.paymentMethod());
        }
        return json.build().toString();
    }

    private static List<ReportSubscription> select(String where, Object... parameters) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM report_subscription " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<ReportSubscription> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(subscription(r));
                    }
                }
                return found;
            }
        });
    }

    private static ReportSubscription subscription(ResultSet r) throws SQLException {
        JsonObject filter = JsonFields.parse(r.getString(8));
        return new ReportSubscription(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                ReportFrequency.valueOf(r.getString(4)), ReportFormat.valueOf(r.getString(5)), r.getString(6), ZoneId.of(r.getString(7)),
                ids(filter, "events"), ids(filter, "ticketTypes"), filter.getString("paymentMethod", null), r.getString(9),
                r.getTimestamp(10).toInstant(), r.getTimestamp(11).toInstant());
    }

    private static List<Long> ids(JsonObject filter, String key) {
        return filter.getJsonArray(key).getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList();
    }
}
