package io.ticketing.platform.notification.spi;

import java.util.List;
import java.util.Map;

/**
 * One message as a channel sends it, fully rendered. {@code messageId} is the same on every attempt, so a
 * receiver (or a test) tells a resent message from a new one.
 *
 * @param to an e-mail address or a phone number, as the channel's medium wants
 * @param fromName the shop's name as the sender; the address is the platform's
 * @param replyTo where replies go (the shop's), or null
 * @param html the HTML part, or null (SMS has none)
 * @param headers extra headers (List-Unsubscribe, say); channels without headers ignore them
 */
public record OutgoingMessage(String messageId, String to, String toName, String fromName, String replyTo, String subject,
                              String text, String html, List<Attachment> attachments, Map<String, String> headers) {

    public OutgoingMessage {
        attachments = List.copyOf(attachments);
        headers = Map.copyOf(headers);
    }

    /** A file sent with the message (a PDF ticket, say). */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
