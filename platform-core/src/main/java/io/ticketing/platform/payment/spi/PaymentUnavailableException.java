package io.ticketing.platform.payment.spi;

/** The provider could not be reached or refused to act; nothing was changed on our side, and it is safe to retry. */
public class PaymentUnavailableException extends Exception {

    public PaymentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
