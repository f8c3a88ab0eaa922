package io.ticketing.platform.infrastructure.payment.sandbox;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import io.ticketing.platform.json.JsonFields;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The built-in provider, so the whole flow runs on a laptop: its payment page is served by the
 * shop itself ({@code api/sandbox/pay/{ref}}), and its callbacks are signed like a real provider's
 * ({@link SandboxSignature}) with the shop's own secret.
 */
public final class SandboxPaymentProvider implements PaymentProvider {

    public static final String ID = "sandbox";
    static final String REF_PREFIX = "sbx_";

    private final String secret;
    private final Clock clock;
    private final boolean outage;
    private final SandboxBooks books;

    SandboxPaymentProvider(String secret, Clock clock) {
        this(secret, clock, false, null);
    }

    /**
     * @param outage the sandbox plays a provider that cannot be reached (for tests of that path)
     * @param books where its payment page wrote what buyers did; null: it cannot say where a payment stands
     */
    SandboxPaymentProvider(String secret, Clock clock, boolean outage, SandboxBooks books) {
        this.secret = secret;
        this.clock = clock;
        this.outage = outage;
        this.books = books;
    }

    @Override
    public PaymentSession createPayment(PaymentRequest request) throws PaymentUnavailableException {
        reachable();
        String ref = REF_PREFIX + UUID.randomUUID().toString().replace("-", "");
        return new PaymentSession(ref, request.shopUrl() + "api/sandbox/pay/" + ref);
    }

    @Override
    public CallbackEvent verifyCallback(Map<String, String> headers, byte[] body) throws InvalidCallbackException {
        SandboxSignature.verify(secret, headers.get(SandboxSignature.HEADER.toLowerCase(java.util.Locale.ROOT)), body, clock.instant());
        return read(body);
    }

    /** The body of a sandbox callback: {@code {id, type, paymentRef, amountMinor, currency, created}}. */
    static CallbackEvent read(byte[] body) throws InvalidCallbackException {
        try {
            JsonObject json = JsonFields.parse(body);
            CallbackEvent.Kind kind = switch (json.getString("type")) {
                case "payment.paid" -> CallbackEvent.Kind.PAID;
                case "payment.declined" -> CallbackEvent.Kind.DECLINED;
                case "payment.cancelled" -> CallbackEvent.Kind.CANCELLED;
                case "refund.succeeded" -> CallbackEvent.Kind.REFUNDED;
                default -> CallbackEvent.Kind.OTHER;
            };
            return new CallbackEvent(json.getString("id"), json.getString("paymentRef"), kind,
                    Money.ofMinor(json.getJsonNumber("amountMinor").longValueExact(), json.getString("currency")),
                    Instant.ofEpochSecond(json.getJsonNumber("created").longValueExact()));
        } catch (JsonFields.MalformedJsonException | JsonException | ClassCastException | NullPointerException | ArithmeticException
                 | IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidCallbackException("unreadable sandbox callback", e);
        }
    }

    /** Writes a callback as the sandbox's server would send it (used by its payment page and by tests). */
    public static byte[] callbackBody(String eventId, String type, String paymentRef, Money amount, Instant created) {
        return JSON.createObjectBuilder()
                .add("id", eventId).add("type", type).add("paymentRef", paymentRef)
                .add("amountMinor", amount.minorUnits()).add("currency", amount.currency().getCurrencyCode())
                .add("created", created.getEpochSecond())
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public PaymentStatus status(String paymentRef) throws PaymentUnavailableException {
        reachable();
        return books == null ? PaymentStatus.UNKNOWN : books.status(paymentRef);
    }

    private void reachable() throws PaymentUnavailableException {
        if (outage) {
            throw new PaymentUnavailableException("the sandbox is playing an outage", null);
        }
    }

    @Override
    public RefundResult refund(String paymentRef, Money amount, String idempotencyKey) throws PaymentUnavailableException {
        reachable();
        // Deterministic per key, like a provider that recognises a retried refund.
        String refundRef = "sbx_re_" + UUID.nameUUIDFromBytes((paymentRef + "|" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        if (books != null) {
            books.recordRefund(paymentRef, idempotencyKey, amount, refundRef);
        }
        return new RefundResult(refundRef, amount);
    }
}
