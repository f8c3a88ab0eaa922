package io.ticketing.platform.infrastructure.payment.stripe;

import static io.ticketing.platform.json.JsonFields.JSON;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionExpireParams;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe through its official SDK: a Checkout Session per order (the order id as client reference
 * and idempotency key), webhooks checked with {@link Webhook.Signature#verifyHeader} (HMAC-SHA256
 * over timestamp and payload, 5-minute tolerance), refunds on the session's PaymentIntent with our
 * refund id as Stripe's idempotency key. The event's fields are read from its JSON, so a change of
 * Stripe's API version does not stop the webhook from being understood.
 */
public final class StripePaymentProvider implements PaymentProvider {

    static final long TOLERANCE_SECONDS = 300;

    private final String apiKey;
    private final String webhookSecret;

    StripePaymentProvider(String apiKey, String webhookSecret) {
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
    }

    @Override
    public PaymentSession createPayment(PaymentRequest request) throws PaymentUnavailableException {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setExpiresAt(sessionExpiry(request.expiresAt(), Instant.now()))
                .setClientReferenceId(request.orderId())
                .setCustomerEmail(request.buyerEmail())
                .setSuccessUrl(request.returnUrl())
                .setCancelUrl(request.cancelUrl())
                .putMetadata("orderId", request.orderId())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                                .setUnitAmount(request.amount().minorUnits())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description()).build())
                                .build())
                        .build())
                .build();
        try {
            Session session = Session.create(params, options("order-" + request.orderId()));
            return new PaymentSession(session.getId(), session.getUrl());
        } catch (StripeException e) {
            throw new PaymentUnavailableException("Stripe did not create the checkout session: " + e.getMessage(), e);
        }
    }

    /**
     * Stripe takes a session's end 30 minutes to 24 hours ahead: the order's own end where that
     * fits, else the nearest it allows (the session is then expired when the order ends).
     */
    static long sessionExpiry(Instant orderExpiresAt, Instant now) {
        long earliest = now.plusSeconds(30 * 60 + 60).getEpochSecond();
        long latest = now.plusSeconds(24 * 3600 - 60).getEpochSecond();
        long wanted = orderExpiresAt == null ? earliest : orderExpiresAt.getEpochSecond();
        return Math.max(earliest, Math.min(latest, wanted));
    }

    /** Expires the Checkout Session, so its page takes no money for an order that has ended. */
    @Override
    public void cancelPayment(String paymentRef) throws PaymentUnavailableException {
        try {
            Session session = Session.retrieve(paymentRef, options(null));
            if ("open".equals(session.getStatus())) {
                session.expire(SessionExpireParams.builder().build(), options(null));
            }
        } catch (StripeException e) {
            throw new PaymentUnavailableException("Stripe did not expire the session: " + e.getMessage(), e);
        }
    }

    @Override
    public CallbackEvent verifyCallback(Map<String, String> headers, byte[] body) throws InvalidCallbackException {
        String payload = new String(body, StandardCharsets.UTF_8);
        String signature = headers.get("stripe-signature");
        if (signature == null) {
            throw new InvalidCallbackException("missing Stripe-Signature header");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, webhookSecret, TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            throw new InvalidCallbackException("Stripe signature refused: " + e.getMessage());
        }
        return read(payload);
    }

    static CallbackEvent read(String payload) throws InvalidCallbackException {
        try {
            JsonObject event = JSON.createReader(new StringReader(payload)).readObject();
            JsonObject session = event.getJsonObject("data").getJsonObject("object");
            String type = event.getString("type");
            CallbackEvent.Kind kind = switch (type) {
                case "checkout.session.completed" ->
                        "paid".equals(session.getString("payment_status", "")) ? CallbackEvent.Kind.PAID : CallbackEvent.Kind.OTHER;
                case "checkout.session.async_payment_succeeded" -> CallbackEvent.Kind.PAID;
                case "checkout.session.async_payment_failed" -> CallbackEvent.Kind.DECLINED;
                case "checkout.session.expired" -> CallbackEvent.Kind.CANCELLED;
                default -> CallbackEvent.Kind.OTHER;
            };
            Money amount = session.containsKey("amount_total") && !session.isNull("amount_total")
                    ? Money.ofMinor(session.getJsonNumber("amount_total").longValueExact(),
                            session.getString("currency").toUpperCase(Locale.ROOT))
                    : Money.ofMinor(0, "EUR");
            Boolean live = event.containsKey("livemode") && !event.isNull("livemode") ? event.getBoolean("livemode") : null;
            return new CallbackEvent(event.getString("id"), session.getString("id"), kind, amount,
                    Instant.ofEpochSecond(event.getJsonNumber("created").longValueExact()), live);
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException | IllegalArgumentException e) {
            throw new InvalidCallbackException("unreadable Stripe event", e);
        }
    }

    @Override
    public PaymentStatus status(String paymentRef) throws PaymentUnavailableException {
        try {
            Session session = Session.retrieve(paymentRef, options(null));
            if ("paid".equals(session.getPaymentStatus())) {
                return new PaymentStatus(PaymentState.PAID, session.getAmountTotal() == null || session.getCurrency() == null ? null
                        : Money.ofMinor(session.getAmountTotal(), session.getCurrency().toUpperCase(Locale.ROOT)));
            }
            return PaymentStatus.of("expired".equals(session.getStatus()) ? PaymentState.CANCELLED : PaymentState.OPEN);
        } catch (StripeException e) {
            throw new PaymentUnavailableException("Stripe did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public RefundResult refund(String paymentRef, Money amount, String idempotencyKey) throws PaymentUnavailableException {
        try {
            Session session = Session.retrieve(paymentRef, options(null));
            Refund refund = Refund.create(RefundCreateParams.builder()
                    .setPaymentIntent(session.getPaymentIntent())
                    .setAmount(amount.minorUnits())
                    .build(), options(idempotencyKey));
            return new RefundResult(refund.getId(), amount);
        } catch (StripeException e) {
            throw new PaymentUnavailableException("Stripe did not refund: " + e.getMessage(), e);
        }
    }

    private RequestOptions options(String idempotencyKey) {
        // Short timeouts (the SDK's are 30 s and 80 s): a slow Stripe must not hold up checkout or the sweep.
        RequestOptions.RequestOptionsBuilder builder = RequestOptions.builder().setApiKey(apiKey)
                .setConnectTimeout(5_000).setReadTimeout(15_000);
        if (idempotencyKey != null) {
            builder.setIdempotencyKey(idempotencyKey);
        }
        return builder.build();
    }
}
