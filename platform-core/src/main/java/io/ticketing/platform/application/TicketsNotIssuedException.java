package io.ticketing.platform.application;

/** An order with no valid tickets to print, and why: not paid yet, never paid, or refunded. */
public class TicketsNotIssuedException extends RuntimeException {

    public enum Reason { NOT_PAID_YET, NEVER_PAID, REFUNDED }

    private final Reason reason;

    public TicketsNotIssuedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
