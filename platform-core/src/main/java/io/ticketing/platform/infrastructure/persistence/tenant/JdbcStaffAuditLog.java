package io.ticketing.platform.infrastructure.persistence.tenant;

import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The staff audit log in the current tenant transaction. */
@ApplicationScoped
public class JdbcStaffAuditLog implements StaffAuditLog {

    @Override
    public void add(Actor actor, String action, String detail) {
        Sql.update("INSERT INTO staff_audit (actor, actor_email, action, detail) VALUES (?, ?, ?, ?)",
                actor.subject(), actor.email(), action, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }

    @Override
    public List<Entry> recent(int limit) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, at, actor, actor_email, action, detail FROM staff_audit ORDER BY id DESC LIMIT ?")) {
                s.setInt(1, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(new Entry(r.getLong(1), r.getObject(2, OffsetDateTime.class), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6)));
                    }
                }
                return entries;
            }
        });
    }
}
