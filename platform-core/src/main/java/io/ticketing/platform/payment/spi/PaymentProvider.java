package io.ticketing.platform.payment.spi;

import io.ticketing.platform.domain.shared.Money;
import java.time.Instant;
import java.util.Map;

/**
 * One payment service, configured for one shop: made by its {@link PaymentProviderFactory} from
 * that shop's settings. Shaped like a Keycloak provider: the platform calls it, it never calls the
 * platform, and it holds no state beyond its settings.
 */
public interface PaymentProvider {

    /** Starts paying for an order: where to send the buyer, and the provider's reference for this payment. */
    PaymentSession createPayment(PaymentRequest request) throws PaymentUnavailableException;

    /**
     * Checks a callback's signature (and freshness, where the scheme has a timestamp) and reads it.
     *
     * @param headers request headers, names in lower case
     * @throws InvalidCallbackException when it is not a genuine, fresh callback from this provider for this shop
     */
    CallbackEvent verifyCallback(Map<String, String> headers, byte[] body) throws InvalidCallbackException;

    /**
     * The exact body the provider expects back for a callback it may stop sending (Alipay wants
     * {@code success}); null for a plain 200.
     */
    default String callbackAcknowledgement() {
        return null;
    }

    /**
     * Asks the provider where a payment stands (for stuck orders, and when a callback never came):
     * its state and, once paid, the amount the provider took.
     */
    PaymentStatus status(String paymentRef) throws PaymentUnavailableException;

    /**
     * Closes a payment that must no longer be paid (its order expired or was cancelled), so the
     * buyer's payment page stops taking money. Best effort: a payment that still arrives is a late
     * payment, which the platform honours only if the seats and the coupon use can be taken again.
     */
    default void cancelPayment(String paymentRef) throws PaymentUnavailableException {
    }

    /**
     * Gives money back. {@code idempotencyKey} makes a retried refund a no-op at the provider.
     */
    RefundResult refund(String paymentRef, Money amount, String idempotencyKey) throws PaymentUnavailableException;

    /** Where a payment stands at the provider. */
    enum PaymentState { OPEN, PAID, DECLINED, CANCELLED, REFUNDED, UNKNOWN }

    /** A payment's state at the provider, and the amount it took (null until paid, or when it does not say). */
    record PaymentStatus(PaymentState state, Money amount) {

        public static final PaymentStatus UNKNOWN = new PaymentStatus(PaymentState.UNKNOWN, null);

        public static PaymentStatus of(PaymentState state) {
            return new PaymentStatus(state, null);
        }
    }

    /**
     * What to pay, and where the buyer and the provider's callbacks should go afterwards;
     * {@code shopUrl} is the shop's own base URL (ending in /), for pages the platform hosts itself.
     * {@code expiresAt} is when the order stops waiting: the provider's session should not outlive it.
     */
    record PaymentRequest(String orderId, Money amount, String description, String buyerEmail,
                          String shopUrl, String returnUrl, String cancelUrl, String callbackUrl, Instant expiresAt) {
    }

    /** A started payment: the page to send the buyer to and the provider's reference. */
    record PaymentSession(String paymentRef, String redirectUrl) {
    }

    /** A refund the provider accepted. */
    record RefundResult(String refundRef, Money amount) {
    }
}
