package io.ticketing.platform.domain.stock;

/**
 * How the platform decides that a ticket is still free. All four keep the no-oversell guarantee
 * with the database as the last word; they differ in where buyers wait for each other.
 * Chosen per deployment with {@code ticketing.stock.strategy}.
 */
public enum StockStrategy {
    /** Default. Hazelcast entry processors hand out numbered slots; no lock, no hot row. */
    SLOTS(true),
    /** Hazelcast {@code IMap.lock} on the ticket type's key, then read, change, write the slots. */
    MAP_LOCK(true),
    /** A taken-counter on the ticket type row, changed only if its version did not move; retried. */
    OPTIMISTIC_DB(false),
    /** A taken-counter on the ticket type row, locked with SELECT ... FOR UPDATE. */
    PESSIMISTIC_DB(false);

    private final boolean numbersSlots;

    StockStrategy(boolean numbersSlots) {
        this.numbersSlots = numbersSlots;
    }

    /** True when held tickets get slot numbers from the shared ledger; false when they are counted on the row. */
    public boolean numbersSlots() {
        return numbersSlots;
    }
}
