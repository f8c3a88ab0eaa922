package io.ticketing.platform.infrastructure.notification;

import io.ticketing.platform.notification.spi.ChannelDownException;
import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.NotificationChannelFactory;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A pretend SMS provider for development and tests: every message it "sends" becomes a file of its own in the shop's
 * folder, {@code <ticketing.sms.log-dir>/<shop>/<millis>-<random>.txt} (headers, a blank line, the text), written
 * whole or not at all, so nodes sharing the folder never mix their writes. Offered only where
 * {@code ticketing.sms.log-dir} is set (the launcher and tests): it sends nothing to anybody's phone.
 */
public class SmsLogChannelFactory implements NotificationChannelFactory {

    public static final String ID = "sms-log";

    private Path directory;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Medium medium() {
        return Medium.SMS;
    }

    @Override
    public void init(Function<String, Optional<String>> config) {
        directory = config.apply("ticketing.sms.log-dir").filter(d -> !d.isBlank()).map(Path::of).orElse(null);
    }

    @Override
    public boolean enabled() {
        return directory != null;
    }

    /** It needs no credentials, but a shop still chooses it, as it would a real provider. */
    @Override
    public boolean chosenByShop() {
        return true;
    }

    @Override
    public NotificationChannel create(String shop, Map<String, String> credentials) {
        Path folder = directory.resolve(shop);
        return message -> write(folder, message);
    }

    private static void write(Path folder, OutgoingMessage message) throws ChannelDownException {
        String content = "Message-ID: " + message.messageId() + "\n"
                + "To: " + message.to() + "\n"
                + "From: " + message.fromName() + "\n"
                + "Date: " + Instant.now() + "\n"
                + "\n" + message.text() + "\n";
        try {
            Files.createDirectories(folder);
            String name = System.currentTimeMillis() + "-" + UUID.randomUUID();
            Path partial = folder.resolve(name + ".part");
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, folder.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ChannelDownException("The SMS log folder cannot be written: " + e.getMessage(), e);
        }
    }
}
