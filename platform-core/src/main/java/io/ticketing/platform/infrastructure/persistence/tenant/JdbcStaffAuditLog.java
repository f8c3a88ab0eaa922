package io.ticketing.platform.infrastructure.persistence.tenant;

import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The staff audit log in the current tenant transaction; before/after values as jsonb objects. */
@ApplicationScoped
public class JdbcStaffAuditLog implements StaffAuditLog {

    private static final String COLUMNS = "id, at, actor, actor_email, action, detail, subject, before_values::text, after_values::text";

    @Override
    public void add(Actor actor, String action, String detail) {
        add(actor, action, detail, null);
    }

    @Override
    public void add(Actor actor, String action, String detail, Change change) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        if (change != null) {
            // only what changed: a form saved as it was leaves no before/after noise
            change.before().forEach((field, value) -> {
                if (!Objects.equals(value, change.after().get(field)) || !change.after().containsKey(field)) {
                    before.put(field, value);
                }
            });
            change.after().forEach((field, value) -> {
                if (!Objects.equals(value, change.before().get(field)) || !change.before().containsKey(field)) {
                    after.put(field, value);
                }
            });
        }
        Sql.update("INSERT INTO staff_audit (actor, actor_email, action, detail, subject, before_values, after_values)"
                        + " VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))",
                actor.subject(), actor.email(), action, detail.length() > 2000 ? detail.substring(0, 2000) : detail,
                change == null ? null : change.subject(), json(before), json(after));
    }

    @Override
    public List<Entry> recent(int limit) {
        return search(Query.latest(limit));
    }

    @Override
    public List<Entry> search(Query query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM staff_audit WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (query.action() != null && !query.action().isBlank()) {
            sql.append(" AND action LIKE ? ESCAPE '\\'");
            parameters.add(like(query.action().strip()) + "%");
        }
        if (query.actorEmail() != null && !query.actorEmail().isBlank()) {
            sql.append(" AND lower(actor_email) LIKE ? ESCAPE '\\'");
            parameters.add("%" + like(query.actorEmail().strip().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (query.subject() != null && !query.subject().isBlank()) {
            sql.append(" AND subject = ?");
            parameters.add(query.subject().strip());
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            parameters.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            parameters.add(query.to());
        }
        if (query.beforeId() != null) {
            sql.append(" AND id < ?");
            parameters.add(query.beforeId());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(Math.max(1, Math.min(query.limit(), 500)));
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    s.setObject(i + 1, parameters.get(i));
                }
                List<Entry> entries = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new Entry(r.getLong(1), r.getObject(2, OffsetDateTime.class), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), r.getString(7), values(r.getString(8)), values(r.getString(9))));
                    }
                }
                return entries;
            }
        });
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String json(Map<String, Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach((field, value) -> {
            if (value == null) {
                object.addNull(field);
            } else if (value instanceof Boolean b) {
                object.add(field, b);
            } else if (value instanceof Integer || value instanceof Long) {
                object.add(field, ((Number) value).longValue());
            } else if (value instanceof BigDecimal d) {
                object.add(field, d);
            } else {
                object.add(field, value.toString());
            }
        });
        return object.build().toString();
    }

    private static Map<String, Object> values(String json) {
        if (json == null) {
            return Map.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, Object> values = new LinkedHashMap<>();
            object.forEach((field, value) -> values.put(field, switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                        : ((JsonNumber) value).bigDecimalValue();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> value.toString();
            }));
            return values;
        }
    }
}
