package io.ticketing.platform.domain.stock;

import java.util.Map;
import java.util.Optional;

/**
 * The taken-counter of each ticket type, used by the database-only stock strategies (optimistic
 * version column, row lock) that the benchmark compares with numbered slots. A CHECK keeps
 * {@code taken <= capacity} whatever a strategy does.
 */
public interface StockCounters {

    /** A ticket type's counter as read, with its version for an optimistic update. */
    record Counter(int capacity, int taken, long version) {
        public int left() {
            return capacity - taken;
        }
    }

    Optional<Counter> read(long ticketTypeId);

    /** Adds {@code quantity} if nobody moved the counter since {@code version} was read; false if somebody did. */
    boolean addIfUnchanged(long ticketTypeId, int quantity, long version);

    /** Tickets left, with the ticket type's row locked until the transaction ends. */
    int lockAndCountLeft(long ticketTypeId);

    void add(long ticketTypeId, int quantity);

    /** Takes back tickets whose rows were deleted in this transaction, per ticket type. */
    void subtract(Map<Long, Integer> perType);

    /**
     * Sets every ticket type's counter from the rows. The row locks come first, so holds in flight
     * finish before the count and later ones wait for it.
     */
    void recountTaken();
}
