package io.ticketing.platform.infrastructure.payment.alipay;

import static io.ticketing.platform.json.JsonFields.JSON;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Alipay through its official SDK: the website payment page for an order (our order id as
 * {@code out_trade_no}), asynchronous notifications checked with {@link AlipaySignature#rsaCheckV1}
 * (RSA2 over the sorted parameters, {@code sign} and {@code sign_type} left out) against Alipay's
 * public key of the shop's app, and refunds with our refund id as {@code out_request_no}, which
 * Alipay treats as the refund's idempotency key. Alipay wants {@code success} back, or it retries.
 */
public final class AlipayPaymentProvider implements PaymentProvider {

    private static final String CHARSET = "UTF-8";
    private static final String SIGN_TYPE = "RSA2";
    private static final ZoneId ALIPAY_TIME = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter NOTIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String appId;
    private final String alipayPublicKey;
    private final AlipayClient client;

    AlipayPaymentProvider(String appId, String privateKey, String alipayPublicKey, String gateway) {
        this.appId = appId;
        this.alipayPublicKey = alipayPublicKey;
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(gateway);
        config.setAppId(appId);
        config.setPrivateKey(privateKey);
        config.setFormat("json");
        config.setCharset(CHARSET);
        config.setAlipayPublicKey(alipayPublicKey);
        config.setSignType(SIGN_TYPE);
        // Short: a slow gateway must not hold up checkout or the sweep that asks about lost callbacks.
        config.setConnectTimeout(5_000);
        config.setReadTimeout(15_000);
        try {
            this.client = new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalArgumentException("Alipay settings are not usable: " + e.getErrMsg(), e);
        }
    }

    @Override
    public PaymentSession createPayment(PaymentRequest request) throws PaymentUnavailableException {
        if (!request.amount().currency().getCurrencyCode().equals("CNY")) {
            throw new PaymentUnavailableException("Alipay's website payment takes CNY, not "
                    + request.amount().currency().getCurrencyCode(), null);
        }
        // out_trade_no takes letters, digits and underscores only
        String tradeNo = request.orderId().replace("-", "");
        AlipayTradePagePayRequest page = new AlipayTradePagePayRequest();
        page.setNotifyUrl(request.callbackUrl());
        page.setReturnUrl(request.returnUrl());
        page.setBizContent(JSON.createObjectBuilder()
                .add("out_trade_no", tradeNo)
                .add("total_amount", request.amount().amount().toPlainString())
                .add("subject", request.description())
                .add("product_code", "FAST_INSTANT_TRADE_PAY")
                .add("time_expire", timeExpire(request.expiresAt()))
                .build().toString());
        try {
            return new PaymentSession(tradeNo, client.pageExecute(page, "GET").getBody());
        } catch (AlipayApiException e) {
            throw new PaymentUnavailableException("Alipay did not start the payment: " + e.getErrMsg(), e);
        }
    }

    @Override
    public CallbackEvent verifyCallback(Map<String, String> headers, byte[] body) throws InvalidCallbackException {
        Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
        try {
            if (!AlipaySignature.rsaCheckV1(params, alipayPublicKey, CHARSET, SIGN_TYPE)) {
                throw new InvalidCallbackException("Alipay signature does not match");
            }
        } catch (AlipayApiException e) {
            throw new InvalidCallbackException("Alipay signature unreadable: " + e.getErrMsg());
        }
        if (!appId.equals(params.get("app_id"))) {
            throw new InvalidCallbackException("notification for another Alipay app");
        }
        return read(params);
    }

    static CallbackEvent read(Map<String, String> params) throws InvalidCallbackException {
        try {
            CallbackEvent.Kind kind = switch (String.valueOf(params.get("trade_status"))) {
                case "TRADE_SUCCESS", "TRADE_FINISHED" -> CallbackEvent.Kind.PAID;
                case "TRADE_CLOSED" -> CallbackEvent.Kind.CANCELLED;
                default -> CallbackEvent.Kind.OTHER;
            };
            String notifyId = params.get("notify_id");
            String orderId = params.get("out_trade_no");
            if (notifyId == null || orderId == null) {
                throw new InvalidCallbackException("notification without notify_id or out_trade_no");
            }
            long fen = new BigDecimal(params.get("total_amount")).movePointRight(2).longValueExact();
            return new CallbackEvent(notifyId, orderId, kind, Money.ofMinor(fen, "CNY"),
                    LocalDateTime.parse(params.get("notify_time"), NOTIFY_TIME).atZone(ALIPAY_TIME).toInstant());
        } catch (NullPointerException | NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new InvalidCallbackException("unreadable Alipay notification", e);
        }
    }

    /** Alipay posts {@code application/x-www-form-urlencoded}. */
    static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public String callbackAcknowledgement() {
        return "success";
    }

    @Override
    public PaymentStatus status(String paymentRef) throws PaymentUnavailableException {
        AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
        query.setBizContent(JSON.createObjectBuilder().add("out_trade_no", paymentRef).build().toString());
        try {
            AlipayTradeQueryResponse response = client.execute(query);
            if (!response.isSuccess()) {
                return PaymentStatus.UNKNOWN;
            }
            return switch (String.valueOf(response.getTradeStatus())) {
                case "TRADE_SUCCESS", "TRADE_FINISHED" -> new PaymentStatus(PaymentState.PAID, response.getTotalAmount() == null ? null
                        : Money.ofMinor(new BigDecimal(response.getTotalAmount()).movePointRight(2).longValueExact(), "CNY"));
                case "TRADE_CLOSED" -> PaymentStatus.of(PaymentState.CANCELLED);
                case "WAIT_BUYER_PAY" -> PaymentStatus.of(PaymentState.OPEN);
                default -> PaymentStatus.UNKNOWN;
            };
        } catch (AlipayApiException e) {
            throw new PaymentUnavailableException("Alipay did not answer: " + e.getErrMsg(), e);
        }
    }

    /** Closes the unpaid trade (alipay.trade.close), so its page takes no money for an order that has ended. */
    @Override
    public void cancelPayment(String paymentRef) throws PaymentUnavailableException {
        AlipayTradeCloseRequest close = new AlipayTradeCloseRequest();
        close.setBizContent(JSON.createObjectBuilder().add("out_trade_no", paymentRef).build().toString());
        try {
            AlipayTradeCloseResponse response = client.execute(close);
            // ACQ.TRADE_NOT_EXIST: the buyer never opened the page, so there is nothing to close
            if (!response.isSuccess() && !"ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())) {
                throw new PaymentUnavailableException("Alipay did not close the trade: " + response.getSubMsg(), null);
            }
        } catch (AlipayApiException e) {
            throw new PaymentUnavailableException("Alipay did not answer: " + e.getErrMsg(), e);
        }
    }

    /** Alipay's {@code time_expire}: the order's end as Beijing wall time, the latest moment the buyer may pay. */
    static String timeExpire(Instant expiresAt) {
        return LocalDateTime.ofInstant(expiresAt, ALIPAY_TIME).format(NOTIFY_TIME);
    }

    @Override
    public RefundResult refund(String paymentRef, Money amount, String idempotencyKey) throws PaymentUnavailableException {
        AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
        refund.setBizContent(JSON.createObjectBuilder()
                .add("out_trade_no", paymentRef)
                .add("refund_amount", amount.amount().toPlainString())
                .add("out_request_no", idempotencyKey)
                .build().toString());
        try {
            AlipayTradeRefundResponse response = client.execute(refund);
            if (!response.isSuccess()) {
                throw new PaymentUnavailableException("Alipay refused the refund: " + response.getSubMsg(), null);
            }
            return new RefundResult(idempotencyKey, amount);
        } catch (AlipayApiException e) {
            throw new PaymentUnavailableException("Alipay did not refund: " + e.getErrMsg(), e);
        }
    }
}
