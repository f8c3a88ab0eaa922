package io.ticketing.platform.infrastructure.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.notification.spi.OutgoingMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmsLogChannelFactoryTest {

    @TempDir
    Path dir;

    @Test
    void offIfNoFolderIsConfigured() {
        SmsLogChannelFactory factory = new SmsLogChannelFactory();
        factory.init(key -> Optional.empty());
        assertThat(factory.enabled()).isFalse();
    }

    @Test
    void everyMessageIsAFileOfItsOwnInItsShopsFolder() throws Exception {
        SmsLogChannelFactory factory = new SmsLogChannelFactory();
        factory.init(key -> key.equals("ticketing.sms.log-dir") ? Optional.of(dir.toString()) : Optional.empty());
        assertThat(factory.enabled()).isTrue();
        for (String shop : List.of("acme", "acme", "other")) {
            factory.create(shop, Map.of()).send(new OutgoingMessage("<1.sms." + shop + "@p>", "+491701234567", "Ada", "Acme", null, "",
                    "Ihre Tickets: https://x/orders/1", null, List.of(), Map.of()));
        }
        try (Stream<Path> acme = Files.list(dir.resolve("acme")); Stream<Path> other = Files.list(dir.resolve("other"))) {
            List<Path> files = acme.toList();
            assertThat(files).hasSize(2).allMatch(f -> f.getFileName().toString().endsWith(".txt"));
            assertThat(Files.readString(files.get(0))).contains("Message-ID: <1.sms.acme@p>").contains("To: +491701234567")
                    .endsWith("\n\nIhre Tickets: https://x/orders/1\n");
            assertThat(other.count()).isEqualTo(1);
        }
    }
}
