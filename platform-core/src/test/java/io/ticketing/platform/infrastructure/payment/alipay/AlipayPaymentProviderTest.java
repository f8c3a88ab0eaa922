package io.ticketing.platform.infrastructure.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alipay notifications through the SDK's own RSA2 check, with keys made here: one pair stands for
 * Alipay's, another for a stranger's. Genuine notifications pass; tampered, foreign or misaddressed
 * ones are refused.
 */
class AlipayPaymentProviderTest {

    private static final String APP_ID = "2021000000000001";
    private static KeyPair alipay;
    private static KeyPair stranger;
    private static KeyPair app;
    private static PaymentProvider provider;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        alipay = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
        app = generator.generateKeyPair();
        provider = new AlipayPaymentProviderFactory().create("shop", Map.of(
                "appId", APP_ID,
                "privateKey", Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()),
                "alipayPublicKey", Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded())));
    }

    @Test
    void thePaymentPageClosesWhenTheOrderEnds() throws Exception {
        Instant orderEnds = Instant.parse("2026-12-24T11:45:00Z");
        PaymentProvider.PaymentSession session = provider.createPayment(new PaymentProvider.PaymentRequest("0a1b2c3d-4e5f",
                Money.ofMinor(8880, "CNY"), "2 tickets", "b@x.test", "http://shop.test/", "http://shop.test/done",
                "http://shop.test/done", "http://shop.test/cb", orderEnds));
        String url = java.net.URLDecoder.decode(session.redirectUrl(), StandardCharsets.UTF_8);
        assertThat(url).as("Beijing time, the order's end").contains("\"time_expire\":\"2026-12-24 19:45:00\"");
    }

    @Test
    void aGenuineTradeSuccessIsAPayment() throws Exception {
        Map<String, String> notification = notification(APP_ID, "TRADE_SUCCESS", "88.80");
        CallbackEvent event = provider.verifyCallback(Map.of(), signedForm(notification, alipay));
        assertThat(event.eventId()).isEqualTo("notify-1");
        assertThat(event.paymentRef()).isEqualTo("0a1b2c3d4e5f");
        assertThat(event.kind()).isEqualTo(CallbackEvent.Kind.PAID);
        assertThat(event.amount()).isEqualTo(Money.ofMinor(8880, "CNY"));
        assertThat(provider.callbackAcknowledgement()).isEqualTo("success");
        assertThat(provider.verifyCallback(Map.of(), signedForm(notification(APP_ID, "TRADE_CLOSED", "88.80"), alipay)).kind())
                .isEqualTo(CallbackEvent.Kind.CANCELLED);
    }

    @Test
    void tamperedForeignAndMisaddressedNotificationsAreRefused() throws Exception {
        byte[] genuine = signedForm(notification(APP_ID, "TRADE_SUCCESS", "88.80"), alipay);
        byte[] cheaper = new String(genuine, StandardCharsets.UTF_8).replace("total_amount=88.80", "total_amount=0.01")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> provider.verifyCallback(Map.of(), cheaper)).isInstanceOf(InvalidCallbackException.class);
        assertThatThrownBy(() -> provider.verifyCallback(Map.of(), signedForm(notification(APP_ID, "TRADE_SUCCESS", "88.80"), stranger)))
                .isInstanceOf(InvalidCallbackException.class);
        assertThatThrownBy(() -> provider.verifyCallback(Map.of(), signedForm(notification("2021000000000999", "TRADE_SUCCESS", "88.80"), alipay)))
                .isInstanceOf(InvalidCallbackException.class).hasMessageContaining("another Alipay app");
        assertThatThrownBy(() -> provider.verifyCallback(Map.of(), "trade_status=TRADE_SUCCESS".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidCallbackException.class);
    }

    private static Map<String, String> notification(String appId, String status, String amount) {
        Map<String, String> params = new TreeMap<>();
        params.put("app_id", appId);
        params.put("notify_id", "notify-1");
        params.put("notify_time", "2026-11-25 12:00:00");
        params.put("notify_type", "trade_status_sync");
        params.put("out_trade_no", "0a1b2c3d4e5f");
        params.put("trade_no", "2026112522001400000000000001");
        params.put("trade_status", status);
        params.put("total_amount", amount);
        params.put("charset", "utf-8");
        params.put("version", "1.0");
        return params;
    }

    /** As Alipay sends it: RSA2 over the sorted parameters without sign and sign_type, form-encoded. */
    private static byte[] signedForm(Map<String, String> params, KeyPair signer) throws Exception {
        String content = AlipaySignature.getSignCheckContentV1(params);
        String sign = AlipaySignature.rsaSign(content, Base64.getEncoder().encodeToString(signer.getPrivate().getEncoded()), "UTF-8", "RSA2");
        Map<String, String> all = new TreeMap<>(params);
        all.put("sign", sign);
        all.put("sign_type", "RSA2");
        return all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }
}
