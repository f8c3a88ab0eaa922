package io.ticketing.platform.application;

/** The payment provider could not be reached or did not act; nothing was half-done, and the same request may be sent again. */
public class PaymentServiceDownException extends RuntimeException {

    public PaymentServiceDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
