package io.ticketing.platform.infrastructure.notification.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ticketing.platform.notification.spi.ChannelDownException;
import io.ticketing.platform.notification.spi.MessageRefusedException;
import io.ticketing.platform.notification.spi.NotificationChannel;
import io.ticketing.platform.notification.spi.OutgoingMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio channel on Twilio's own SDK against a server of this test that plays Twilio's Messages API as documented
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource): {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded {@code To}, {@code From} or {@code MessagingServiceSid},
 * {@code Body}, HTTP Basic auth with the account SID and auth token; 201 and the message resource, or an error document
 * {@code {code, message, more_info, status}}.
 */
class TwilioChannelFactoryTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "test-auth-token-1";
    private static final String FROM = "+14155550100";

    private HttpServer twilio;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private volatile String answer;
    private TwilioChannelFactory factory;

    @BeforeEach
    void playTwilio() throws Exception {
        twilio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        twilio.createContext("/", this::messages);
        twilio.start();
        factory = new TwilioChannelFactory();
        String base = "http://127.0.0.1:" + twilio.getAddress().getPort();
        factory.init(key -> key.equals("ticketing.sms.twilio.api-base") ? Optional.of(base) : Optional.empty());
    }

    @AfterEach
    void stop() {
        twilio.stop(0);
    }

    private void messages(HttpExchange exchange) throws java.io.IOException {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("method", exchange.getRequestMethod());
        request.put("path", exchange.getRequestURI().getPath());
        request.put("host", exchange.getRequestHeaders().getFirst("Host"));
        request.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        request.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                request.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        received.add(request);
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        int code = status;
        String body = answer;
        if (!expectedAuth.equals(request.get("authorization"))) {
            code = 401;
            body = "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\": \"https://www.twilio.com/docs/errors/20003\", \"status\": 401}";
        } else if (body == null) {
            body = """
                    {"sid": "SM0123456789abcdef0123456789abcdef", "account_sid": "%s", "to": "%s", "from": "%s", "body": "%s",
                     "status": "queued", "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
                     "date_created": "Wed, 02 Dec 2026 05:00:00 +0000", "uri": "/2010-04-01/Accounts/%s/Messages/SM0123456789abcdef0123456789abcdef.json"}"""
                    .formatted(SID, request.get("To"), request.get("From"), request.get("Body").replace("\"", "\\\""), SID);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private NotificationChannel channel(String token, String from) {
        return factory.create("acme", Map.of("accountSid", SID, "authToken", token, "from", from));
    }

    private static OutgoingMessage sms(String to, String text) {
        return new OutgoingMessage("<1.purchase-confirmation.sms.acme@platform.test>", to, "Ada", "Acme Live", null, "", text, null,
                List.of(), Map.of());
    }

    @Test
    void aMessageIsPostedToTheAccountsMessagesWithBasicAuthAndItsText() throws Exception {
        channel(TOKEN, FROM).send(sms("+491701234567", "Acme Live: Ihre Bestellung 1A2B3C4D ist bezahlt. https://acme.test/orders/1?key=k"));
        assertThat(received).hasSize(1);
        Map<String, String> request = received.get(0);
        assertThat(request.get("method")).isEqualTo("POST");
        assertThat(request.get("path")).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(request.get("host")).as("the SDK addresses Twilio; only the route leads here").startsWith("api.twilio.com");
        assertThat(request.get("contentType")).startsWith("application/x-www-form-urlencoded");
        assertThat(request).containsEntry("To", "+491701234567").containsEntry("From", FROM)
                .containsEntry("Body", "Acme Live: Ihre Bestellung 1A2B3C4D ist bezahlt. https://acme.test/orders/1?key=k");
    }

    @Test
    void aMessagingServiceSendsInsteadOfANumber() throws Exception {
        channel(TOKEN, "MG0123456789abcdef0123456789abcdef").send(sms("+8613800138000", "您的门票：https://acme.test/orders/2"));
        assertThat(received.get(0)).containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef")
                .containsEntry("Body", "您的门票：https://acme.test/orders/2").doesNotContainKey("From");
    }

    @Test
    void aNumberTwilioRefusesIsThatMessagesRefusal() {
        status = 400;
        answer = "{\"code\": 21211, \"message\": \"The 'To' number +15005550001 is not a valid phone number.\","
                + " \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}";
        assertThatThrownBy(() -> channel(TOKEN, FROM).send(sms("+15005550001", "hello")))
                .isInstanceOf(MessageRefusedException.class).hasMessageContaining("400").hasMessageContaining("21211")
                .hasMessageContaining("not a valid phone number");
    }

    @Test
    void twilioFailingIsTheChannelDown() {
        status = 503;
        answer = "{\"code\": 20503, \"message\": \"Service unavailable\", \"more_info\": \"https://www.twilio.com/docs/errors/20503\", \"status\": 503}";
        assertThatThrownBy(() -> channel(TOKEN, FROM).send(sms("+491701234567", "hello")))
                .isInstanceOf(ChannelDownException.class).hasMessageContaining("503");
    }

    @Test
    void wrongCredentialsStopTheRoundRatherThanFailEachMessage() {
        assertThatThrownBy(() -> channel("wrong-token", FROM).send(sms("+491701234567", "hello")))
                .isInstanceOf(ChannelDownException.class).hasMessageContaining("401").hasMessageContaining("20003");
    }

    @Test
    void twilioUnreachableIsTheChannelDown() {
        NotificationChannel channel = channel(TOKEN, FROM);
        twilio.stop(0);
        assertThatThrownBy(() -> channel.send(sms("+491701234567", "hello"))).isInstanceOf(ChannelDownException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void credentialsThatCannotWorkAreRefusedWhenTheShopSetsThemUp() {
        assertThatThrownBy(() -> factory.create("acme", Map.of("accountSid", "AC123", "authToken", TOKEN, "from", FROM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountSid");
        assertThatThrownBy(() -> factory.create("acme", Map.of("accountSid", SID, "authToken", " ", "from", FROM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authToken");
        assertThatThrownBy(() -> factory.create("acme", Map.of("accountSid", SID, "authToken", TOKEN, "from", "0170 123")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E.164");
        assertThat(factory.enabled()).as("the SDK is on the test classpath").isTrue();
        assertThat(factory.chosenByShop()).isTrue();
    }
}
