package io.ticketing.platform.domain.stock;

/**
 * Fewer tickets are left than a buyer asked for. An answer, not a fault: half the requests of a
 * hot on-sale end here, so it carries no stack trace (filling one in costs more than the check).
 */
public class SoldOutException extends RuntimeException {

    private final long ticketTypeId;
    private final int available;

    public SoldOutException(long ticketTypeId, String ticketTypeName, int available) {
        super(available <= 0 ? "'" + ticketTypeName + "' is sold out"
                : "Only " + available + " of '" + ticketTypeName + "' left", null, false, false);
        this.ticketTypeId = ticketTypeId;
        this.available = Math.max(0, available);
    }

    public long ticketTypeId() {
        return ticketTypeId;
    }

    public int available() {
        return available;
    }
}
