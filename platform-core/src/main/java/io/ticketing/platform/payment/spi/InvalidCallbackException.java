package io.ticketing.platform.payment.spi;

/** Not a genuine callback: bad or missing signature, outside the replay window, or unreadable. */
public class InvalidCallbackException extends Exception {

    public InvalidCallbackException(String message) {
        super(message);
    }

    public InvalidCallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
