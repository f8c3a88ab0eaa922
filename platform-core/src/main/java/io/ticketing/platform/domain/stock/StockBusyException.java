package io.ticketing.platform.domain.stock;

/** The optimistic strategy lost its race too many times in a row; the buyer may simply try again.
 * Carries no stack trace: an expected answer on the hot path.
 */
public class StockBusyException extends RuntimeException {

    public StockBusyException(String ticketTypeName) {
        super("Too many buyers for '" + ticketTypeName + "' at this moment; please try again", null, false, false);
    }
}
