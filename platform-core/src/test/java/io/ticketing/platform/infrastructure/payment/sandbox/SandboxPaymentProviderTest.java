package io.ticketing.platform.infrastructure.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentProviderFactory;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SandboxPaymentProviderTest {

    private static final String SECRET = "shop-a-webhook-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final PaymentProvider SANDBOX = new SandboxPaymentProvider(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final Money TOTAL = Money.ofMinor(7450, "EUR");

    @Test
    void aGenuineCallbackIsReadBack() throws Exception {
        byte[] body = SandboxPaymentProvider.callbackBody("evt_1", "payment.paid", "sbx_abc", TOTAL, NOW);
        CallbackEvent event = SANDBOX.verifyCallback(headers(SandboxSignature.sign(SECRET, NOW, body)), body);
        assertThat(event).isEqualTo(new CallbackEvent("evt_1", "sbx_abc", CallbackEvent.Kind.PAID, TOTAL, NOW));
    }

    @Test
    void forgeriesAreRefused() {
        byte[] body = SandboxPaymentProvider.callbackBody("evt_2", "payment.paid", "sbx_abc", TOTAL, NOW);
        String genuine = SandboxSignature.sign(SECRET, NOW, body);
        byte[] cheaper = SandboxPaymentProvider.callbackBody("evt_2", "payment.paid", "sbx_abc", Money.ofMinor(1, "EUR"), NOW);
        assertRefused(genuine, cheaper, "signature does not match");
        assertRefused(SandboxSignature.sign("shop-b-webhook-secret-0123456789", NOW, body), body, "signature does not match");
        assertRefused(SandboxSignature.sign(SECRET, NOW.minus(Duration.ofMinutes(6)), body), body, "replay window");
        assertRefused(SandboxSignature.sign(SECRET, NOW.plus(Duration.ofMinutes(6)), body), body, "replay window");
        // a fresh timestamp glued onto an old signature
        assertRefused(genuine.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1)), body, "signature does not match");
        assertRefused(null, body, "missing");
        assertRefused("v1=00ff", body, "incomplete");
        assertRefused("t=soon,v1=zz", body, "unreadable");
    }

    @Test
    void aSignedButUnreadableBodyIsRefusedToo() {
        byte[] junk = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);
        assertRefused(SandboxSignature.sign(SECRET, NOW, junk), junk, "unreadable");
    }

    @Test
    void timestampsNoClockCanHoldAreOutsideTheWindowNotAnError() {
        byte[] body = SandboxPaymentProvider.callbackBody("evt_3", "payment.paid", "sbx_abc", TOTAL, NOW);
        for (String t : new String[] {"9223372036854775807", "-9223372036854775808", "31556889864403199", "-31557014167219200"}) {
            assertRefused("t=" + t + ",v1=00ff", body, "replay window");
        }
        assertRefused("t=99999999999999999999,v1=00ff", body, "unreadable");
    }

    @Test
    void signedBodiesWithImpossibleDatesOrDeepNestingAreUnreadable() {
        byte[] farFuture = ("{\"id\":\"e\",\"type\":\"payment.paid\",\"paymentRef\":\"x\",\"amountMinor\":1,"
                + "\"currency\":\"EUR\",\"created\":" + Long.MAX_VALUE + "}").getBytes(StandardCharsets.UTF_8);
        assertRefused(SandboxSignature.sign(SECRET, NOW, farFuture), farFuture, "unreadable");
        byte[] deep = ("{\"id\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8);
        assertRefused(SandboxSignature.sign(SECRET, NOW, deep), deep, "unreadable");
    }

    @Test
    void theFactoryIsFoundAsAPlugInAndWantsARealSecret() throws Exception {
        PaymentProviderFactory factory = ServiceLoader.load(PaymentProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("sandbox")).findFirst().orElseThrow();
        assertThat(factory.requiredCredentials()).containsExactly(SandboxPaymentProviderFactory.WEBHOOK_SECRET);
        assertThatThrownBy(() -> factory.create("shop-a", Map.of("webhookSecret", "short")))
                .isInstanceOf(IllegalArgumentException.class);
        PaymentProvider.PaymentSession session = factory.create("shop-a", Map.of("webhookSecret", SECRET))
                .createPayment(new PaymentProvider.PaymentRequest("o1", TOTAL, "2 tickets", "b@x.test",
                        "http://shop.test/", "http://shop.test/orders/o1", "http://shop.test/orders/o1", "http://shop.test/api/payments/callback/sandbox", Instant.now().plusSeconds(900)));
        assertThat(session.redirectUrl()).isEqualTo("http://shop.test/api/sandbox/pay/" + session.paymentRef());
    }

    @Test
    void aRetriedRefundHasTheSameReference() throws Exception {
        assertThat(SANDBOX.refund("sbx_abc", TOTAL, "k1").refundRef()).isEqualTo(SANDBOX.refund("sbx_abc", TOTAL, "k1").refundRef())
                .isNotEqualTo(SANDBOX.refund("sbx_abc", TOTAL, "k2").refundRef());
    }

    @Test
    void askedWhereAPaymentStandsItReadsItsBooksOrSaysItCannotBeReached() throws Exception {
        assertThat(SANDBOX.status("sbx_abc")).as("no books: it does not know").isEqualTo(PaymentProvider.PaymentStatus.UNKNOWN);
        PaymentProvider down = new SandboxPaymentProvider(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), true, null);
        assertThatThrownBy(() -> down.status("sbx_abc")).isInstanceOf(PaymentUnavailableException.class);
        assertThatThrownBy(() -> down.refund("sbx_abc", TOTAL, "k1")).isInstanceOf(PaymentUnavailableException.class);
    }

    private static void assertRefused(String signature, byte[] body, String why) {
        assertThatThrownBy(() -> SANDBOX.verifyCallback(headers(signature), body))
                .isInstanceOf(InvalidCallbackException.class).hasMessageContaining(why);
    }

    private static Map<String, String> headers(String signature) {
        return signature == null ? Map.of() : Map.of("sandbox-signature", signature);
    }
}
