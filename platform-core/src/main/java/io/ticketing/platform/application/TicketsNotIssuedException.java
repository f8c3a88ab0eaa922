package io.ticketing.platform.application;

/** An order with no valid tickets to print: not paid (yet), or refunded. */
public class TicketsNotIssuedException extends RuntimeException {

    public TicketsNotIssuedException(String message) {
        super(message);
    }
}
