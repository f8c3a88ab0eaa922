package io.ticketing.platform.infrastructure.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.Stripe;
import com.sun.net.httpserver.HttpServer;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Stripe webhooks through the SDK's own verification, with events and signatures made here the
 * way Stripe makes them (no live call is possible): genuine ones pass, anything else is refused.
 */
class StripePaymentProviderTest {

    private static final String SECRET = "whsec_test_0123456789abcdef";
    private static final PaymentProvider STRIPE = new StripePaymentProviderFactory()
            .create("shop", Map.of("apiKey", "sk_test_unused", "webhookSecret", SECRET));

    @Test
    void aGenuineCompletedCheckoutIsAPayment() throws Exception {
        String payload = event("evt_1", "checkout.session.completed", "cs_test_1", "paid", 7450);
        CallbackEvent event = STRIPE.verifyCallback(headers(sign(SECRET, Instant.now(), payload)), bytes(payload));
        assertThat(event.eventId()).isEqualTo("evt_1");
        assertThat(event.paymentRef()).isEqualTo("cs_test_1");
        assertThat(event.kind()).isEqualTo(CallbackEvent.Kind.PAID);
        assertThat(event.amount()).isEqualTo(Money.ofMinor(7450, "EUR"));
    }

    @Test
    void otherEventsSayWhatHappened() throws Exception {
        assertThat(verify(event("evt_2", "checkout.session.expired", "cs_2", "unpaid", 100)).kind()).isEqualTo(CallbackEvent.Kind.CANCELLED);
        assertThat(verify(event("evt_3", "checkout.session.async_payment_failed", "cs_3", "unpaid", 100)).kind())
                .isEqualTo(CallbackEvent.Kind.DECLINED);
        assertThat(verify(event("evt_4", "checkout.session.completed", "cs_4", "unpaid", 100)).kind())
                .as("completed but not yet paid (a delayed method)").isEqualTo(CallbackEvent.Kind.OTHER);
    }

    @Test
    void tamperedForeignStaleAndUnsignedEventsAreRefused() {
        String payload = event("evt_5", "checkout.session.completed", "cs_5", "paid", 7450);
        String cheaper = payload.replace("7450", "1");
        Instant now = Instant.now();
        assertRefused(sign(SECRET, now, payload), cheaper);
        assertRefused(sign("whsec_another_shops_secret", now, payload), payload);
        assertRefused(sign(SECRET, now.minusSeconds(StripePaymentProvider.TOLERANCE_SECONDS + 60), payload), payload);
        assertRefused(null, payload);
        assertRefused("t=" + now.getEpochSecond() + ",v1=" + "00".repeat(32), payload);
    }

    @Test
    void askedWhereAPaymentStandsItReadsTheCheckoutSession() throws Exception {
        // Stripe's API played by a local server with Checkout Sessions as Stripe returns them.
        Map<String, String> sessions = Map.of(
                "cs_paid", "{\"id\": \"cs_paid\", \"object\": \"checkout.session\", \"payment_status\": \"paid\", \"status\": \"complete\", \"amount_total\": 7450, \"currency\": \"eur\"}",
                "cs_open", "{\"id\": \"cs_open\", \"object\": \"checkout.session\", \"payment_status\": \"unpaid\", \"status\": \"open\", \"amount_total\": 7450, \"currency\": \"eur\"}",
                "cs_gone", "{\"id\": \"cs_gone\", \"object\": \"checkout.session\", \"payment_status\": \"unpaid\", \"status\": \"expired\", \"amount_total\": 7450, \"currency\": \"eur\"}");
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/v1/checkout/sessions/", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String id = exchange.getRequestURI().getPath().substring("/v1/checkout/sessions/".length());
            byte[] body = sessions.getOrDefault(id, "{\"error\": {\"type\": \"invalid_request_error\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(sessions.containsKey(id) ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        String liveBase = Stripe.getApiBase();
        Stripe.overrideApiBase("http://127.0.0.1:" + api.getAddress().getPort());
        try {
            assertThat(STRIPE.status("cs_paid")).isEqualTo(new PaymentProvider.PaymentStatus(PaymentProvider.PaymentState.PAID,
                    Money.ofMinor(7450, "EUR")));
            assertThat(STRIPE.status("cs_open").state()).isEqualTo(PaymentProvider.PaymentState.OPEN);
            assertThat(STRIPE.status("cs_gone").state()).isEqualTo(PaymentProvider.PaymentState.CANCELLED);
            assertThat(keys).allMatch("Bearer sk_test_unused"::equals);
            api.stop(0);
            assertThatThrownBy(() -> STRIPE.status("cs_paid")).as("Stripe out of reach").isInstanceOf(PaymentUnavailableException.class);
        } finally {
            api.stop(0);
            Stripe.overrideApiBase(liveBase);
        }
    }

    @Test
    void theCheckoutSessionEndsWithTheOrderAndIsExpiredWhenTheOrderEnds() throws Exception {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(StripePaymentProvider.sessionExpiry(now.plusSeconds(3600), now)).as("the order's end, where Stripe allows it")
                .isEqualTo(now.plusSeconds(3600).getEpochSecond());
        assertThat(StripePaymentProvider.sessionExpiry(now.plusSeconds(900), now)).as("Stripe's shortest: 30 minutes")
                .isEqualTo(now.plusSeconds(1860).getEpochSecond());

        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/v1/checkout/sessions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            String status = exchange.getRequestURI().getPath().endsWith("/expire") ? "expired" : "open";
            byte[] answer = ("{\"id\": \"cs_new\", \"object\": \"checkout.session\", \"status\": \"" + status
                    + "\", \"payment_status\": \"unpaid\", \"url\": \"https://checkout.stripe.test/cs_new\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
        String liveBase = Stripe.getApiBase();
        Stripe.overrideApiBase("http://127.0.0.1:" + api.getAddress().getPort());
        try {
            Instant orderEnds = Instant.now().plusSeconds(2 * 3600);
            STRIPE.createPayment(new PaymentProvider.PaymentRequest("order-1", Money.ofMinor(1000, "EUR"), "1 ticket", "b@x.test",
                    "http://shop.test/", "http://shop.test/done", "http://shop.test/done", "http://shop.test/cb", orderEnds));
            assertThat(calls.get(0)).startsWith("POST /v1/checkout/sessions ").contains("expires_at=" + orderEnds.getEpochSecond());
            STRIPE.cancelPayment("cs_new");
            assertThat(calls).anyMatch(c -> c.startsWith("POST /v1/checkout/sessions/cs_new/expire"));
        } finally {
            api.stop(0);
            Stripe.overrideApiBase(liveBase);
        }
    }

    @Test
    void credentialsMustLookLikeStripes() {
        assertThatThrownBy(() -> new StripePaymentProviderFactory().create("shop", Map.of("apiKey", "pk_test_x", "webhookSecret", SECRET)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StripePaymentProviderFactory().available()).isTrue();
    }

    private static CallbackEvent verify(String payload) throws InvalidCallbackException {
        return STRIPE.verifyCallback(headers(sign(SECRET, Instant.now(), payload)), bytes(payload));
    }

    private static void assertRefused(String signature, String payload) {
        assertThatThrownBy(() -> STRIPE.verifyCallback(headers(signature), bytes(payload))).isInstanceOf(InvalidCallbackException.class);
    }

    /** As Stripe signs: HMAC-SHA256 of "timestamp.payload" with the endpoint's secret, hex. */
    private static String sign(String secret, Instant at, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 = HexFormat.of().formatHex(mac.doFinal((at.getEpochSecond() + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + at.getEpochSecond() + ",v1=" + v1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String event(String id, String type, String session, String paymentStatus, long amount) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d, "type": "%s",
                 "data": {"object": {"id": "%s", "object": "checkout.session", "amount_total": %d, "currency": "eur",
                                     "payment_status": "%s", "client_reference_id": "order-1", "payment_intent": "pi_1"}}}"""
                .formatted(id, Instant.now().getEpochSecond(), type, session, amount, paymentStatus);
    }

    private static Map<String, String> headers(String signature) {
        return signature == null ? Map.of() : Map.of("stripe-signature", signature);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
