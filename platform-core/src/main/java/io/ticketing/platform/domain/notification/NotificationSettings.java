package io.ticketing.platform.domain.notification;

import java.util.Optional;

/** The current shop's sender name, reply-to and staff alert address, and its own wording of messages. */
public interface NotificationSettings {

    /** Who the shop's mails come from; nulls where the shop has set nothing. */
    record Sender(String senderName, String replyTo, String staffAlerts) {
    }

    /** A shop's wording of one message in one language (Mustache: subject and plain-text body). */
    record Template(NotificationKind kind, String language, String subject, String body) {
    }

    Sender sender();

    void saveSender(Sender sender);

    Optional<Template> template(NotificationKind kind, String language);

    void saveTemplate(Template template, String by);

    boolean deleteTemplate(NotificationKind kind, String language);
}
