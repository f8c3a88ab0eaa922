package io.ticketing.platform.application;

/** Another refund of the order is waiting on the payment provider; asking again now could give money or tickets back twice. */
public class RefundInProgressException extends CatalogConflictException {

    public RefundInProgressException(String message) {
        super(message);
    }
}
