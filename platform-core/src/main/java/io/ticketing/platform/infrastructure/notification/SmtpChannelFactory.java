package io.ticketing.platform.infrastructure.notification;

import io.ticketing.platform.notification.spi.ChannelDownException;
import io.ticketing.platform.notification.spi.MessageRefusedException;
import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.NotificationChannelFactory;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * E-mail through the platform's SMTP server (Jakarta Mail, Angus): From is the platform's address under the
 * shop's name, Reply-To the shop's, the envelope sender the platform's (bounces come to the platform, and the
 * shops need no DNS records of their own). Off until {@code ticketing.mail.smtp.host} is set.
 */
public class SmtpChannelFactory implements NotificationChannelFactory {

    public static final String ID = "smtp";

    private Session session;
    private String from;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Medium medium() {
        return Medium.EMAIL;
    }

    @Override
    public void init(Function<String, Optional<String>> config) {
        Optional<String> host = config.apply("ticketing.mail.smtp.host").filter(h -> !h.isBlank());
        if (host.isEmpty()) {
            return;
        }
        from = config.apply("ticketing.mail.from").orElse("tickets@localhost");
        Properties p = new Properties();
        p.put("mail.smtp.host", host.get());
        p.put("mail.smtp.port", config.apply("ticketing.mail.smtp.port").orElse("25"));
        p.put("mail.smtp.from", config.apply("ticketing.mail.envelope-from").orElse(from));
        // An SMTP server that hangs must not hold a relay round (and its row locks) for long.
        p.put("mail.smtp.connectiontimeout", config.apply("ticketing.mail.smtp.connect-timeout-ms").orElse("5000"));
        p.put("mail.smtp.timeout", config.apply("ticketing.mail.smtp.timeout-ms").orElse("15000"));
        p.put("mail.smtp.writetimeout", config.apply("ticketing.mail.smtp.timeout-ms").orElse("15000"));
        p.put("mail.smtp.starttls.enable", config.apply("ticketing.mail.smtp.starttls").orElse("false"));
        p.put("mail.smtp.starttls.required", config.apply("ticketing.mail.smtp.starttls").orElse("false"));
        p.put("mail.smtp.ssl.enable", config.apply("ticketing.mail.smtp.ssl").orElse("false"));
        Optional<String> user = config.apply("ticketing.mail.smtp.username").filter(u -> !u.isBlank());
        Authenticator authenticator = null;
        if (user.isPresent()) {
            p.put("mail.smtp.auth", "true");
            String password = config.apply("ticketing.mail.smtp.password").orElse("");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user.get(), password);
                }
            };
        }
        session = Session.getInstance(p, authenticator);
    }

    @Override
    public boolean enabled() {
        return session != null;
    }

    @Override
    public NotificationChannel create(String shop, Map<String, String> credentials) {
        return new SmtpChannel(session, from);
    }

    /** One relay round's connection, opened at the first message and kept for the rest. */
    static final class SmtpChannel implements NotificationChannel {

        private final Session session;
        private final String from;
        private Transport transport;

        SmtpChannel(Session session, String from) {
            this.session = session;
            this.from = from;
        }

        @Override
        public void send(OutgoingMessage message) throws ChannelDownException, MessageRefusedException {
            MimeMessage mime;
            try {
                mime = mime(message);
            } catch (MessagingException | UnsupportedEncodingException e) {
                throw new MessageRefusedException("Could not make the mail: " + e.getMessage(), e);
            }
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = session.getTransport("smtp");
                    transport.connect();
                }
                transport.sendMessage(mime, mime.getAllRecipients());
            } catch (SendFailedException e) {
                // The server took the connection but not this message's recipient.
                throw new MessageRefusedException("The mail server refused the message: " + e.getMessage(), e);
            } catch (MessagingException e) {
                close();
                throw new ChannelDownException("The mail server cannot be reached: " + e.getMessage(), e);
            }
        }

        private MimeMessage mime(OutgoingMessage m) throws MessagingException, UnsupportedEncodingException {
            String messageId = m.messageId();
            MimeMessage mime = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId); // stable across attempts: resends are recognisable
                }
            };
            mime.setFrom(new InternetAddress(from, m.fromName(), StandardCharsets.UTF_8.name()));
            if (m.replyTo() != null) {
                mime.setReplyTo(new InternetAddress[] {new InternetAddress(m.replyTo())});
            }
            mime.setRecipient(Message.RecipientType.TO, m.toName() == null ? new InternetAddress(m.to())
                    : new InternetAddress(m.to(), m.toName(), StandardCharsets.UTF_8.name()));
            mime.setSubject(m.subject(), StandardCharsets.UTF_8.name());
            for (Map.Entry<String, String> header : m.headers().entrySet()) {
                mime.setHeader(header.getKey(), header.getValue());
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text(), StandardCharsets.UTF_8.name());
            alternative.addBodyPart(text);
            if (m.html() != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(html);
            }
            if (m.attachments().isEmpty()) {
                mime.setContent(alternative);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                mixed.addBodyPart(body);
                for (OutgoingMessage.Attachment a : m.attachments()) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                    part.setFileName(a.fileName());
                    part.setDisposition(MimeBodyPart.ATTACHMENT);
                    // Binary stays binary: without it small attachments may get their line endings rewritten.
                    part.setHeader("Content-Transfer-Encoding", "base64");
                    mixed.addBodyPart(part);
                }
                mime.setContent(mixed);
            }
            mime.saveChanges();
            return mime;
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the connection is gone either way
                }
                transport = null;
            }
        }
    }
}
