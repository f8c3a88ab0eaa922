package io.ticketing.platform.infrastructure.persistence.notification;

import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationSettings;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The shop's sender settings and message templates in the current tenant transaction. */
@ApplicationScoped
public class JdbcNotificationSettings implements NotificationSettings {

    @Override
    public Sender sender() {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sender_name, reply_to, staff_alerts FROM notification_settings");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? new Sender(r.getString(1), r.getString(2), r.getString(3)) : new Sender(null, null, null);
            }
        });
    }

    @Override
    public void saveSender(Sender sender) {
        Sql.update("UPDATE notification_settings SET sender_name = ?, reply_to = ?, staff_alerts = ?, updated_at = now()",
                sender.senderName(), sender.replyTo(), sender.staffAlerts());
    }

    @Override
    public Optional<Template> template(NotificationKind kind, String language) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT subject, body FROM message_template WHERE kind = ? AND language = ?")) {
                s.setString(1, kind.name());
                s.setString(2, language);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Template(kind, language, r.getString(1), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveTemplate(Template t, String by) {
        Sql.update("""
                INSERT INTO message_template (kind, language, subject, body, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kind, language) DO UPDATE SET subject = excluded.subject, body = excluded.body,
                                                           updated_by = excluded.updated_by, updated_at = now()""",
                t.kind().name(), t.language(), t.subject(), t.body(), by);
    }

    @Override
    public boolean deleteTemplate(NotificationKind kind, String language) {
        return Sql.update("DELETE FROM message_template WHERE kind = ? AND language = ?", kind.name(), language) == 1;
    }
}
