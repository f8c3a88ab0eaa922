package io.ticketing.platform.infrastructure.payment.sandbox;

import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentState;
import io.ticketing.platform.payment.spi.PaymentProvider.PaymentStatus;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;

/**
 * The sandbox's own books (table {@code sandbox_payment} of the current shop): what its payment
 * page did with each payment. A real provider keeps such books on its side; the sandbox keeps them
 * here so that its {@link SandboxPaymentProvider#status} has an answer when a callback was lost.
 * Each call is a short transaction of its own.
 */
public interface SandboxBooks {

    /** What the buyer did on the sandbox page; as at a provider, a paid (or refunded) payment stays so. */
    void record(String paymentRef, PaymentState state, Money amount);

    /** Where a sandbox payment stands: OPEN until the buyer acted on its page. */
    PaymentStatus status(String paymentRef) throws PaymentUnavailableException;

    /** A refund call the sandbox received (each call, retries too), as a provider's dashboard lists them. */
    default void recordRefund(String paymentRef, String idempotencyKey, Money amount, String refundRef) {
    }
}
