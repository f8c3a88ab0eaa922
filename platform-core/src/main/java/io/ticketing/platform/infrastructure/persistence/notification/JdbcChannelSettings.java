package io.ticketing.platform.infrastructure.persistence.notification;

import io.ticketing.platform.domain.notification.ChannelSettings;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Table notification_channel of the current tenant. */
@ApplicationScoped
public class JdbcChannelSettings implements ChannelSettings {

    private static final String COLUMNS = "SELECT channel, medium, sealed_credentials, active FROM notification_channel";

    @Override
    public List<Configured> all() {
        return select(COLUMNS + " ORDER BY channel");
    }

    @Override
    public Optional<Configured> active(String medium) {
        return select(COLUMNS + " WHERE active AND medium = ?", medium).stream().findFirst();
    }

    @Override
    public Optional<Configured> find(String channel) {
        return select(COLUMNS + " WHERE channel = ?", channel).stream().findFirst();
    }

    @Override
    public void store(String channel, String medium, String sealedCredentials, boolean active) {
        if (active) {
            // The medium's other channel steps back first: one active channel per medium (a unique index says so too).
            Sql.update("UPDATE notification_channel SET active = false, updated_at = now() WHERE medium = ? AND active AND channel <> ?",
                    medium, channel);
        }
        Sql.update("""
                INSERT INTO notification_channel (channel, medium, sealed_credentials, active, updated_at) VALUES (?, ?, ?, ?, now())
                ON CONFLICT (channel) DO UPDATE SET medium = excluded.medium, sealed_credentials = excluded.sealed_credentials,
                                                    active = excluded.active, updated_at = now()""",
                channel, medium, sealedCredentials, active);
    }

    private static List<Configured> select(String sql, Object... values) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                List<Configured> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Configured(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4)));
                    }
                }
                return found;
            }
        });
    }
}
