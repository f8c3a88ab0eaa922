package io.ticketing.platform.application;

/** The shop lets only its admins refund, and a staff member asked (403). */
public class RefundNotAllowedException extends RuntimeException {

    public RefundNotAllowedException(String message) {
        super(message);
    }
}
