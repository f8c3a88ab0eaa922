package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.stock.HoldLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The holds an order pays for: locked when the order is made, converted into sales when it is paid.
 */
public interface OrderHolds {

    /** A hold as checkout sees it. */
    record HoldRow(UUID id, String status, Instant expiresAt, UUID orderId) {
    }

    /** The buyer's holds among {@code ids}, locked; holds of others are simply not found. */
    List<HoldRow> lockHolds(String buyer, List<UUID> ids);

    /** What the holds contain, priced at today's list price, one line per ticket type. */
    List<PricedLine> pricedLines(List<UUID> holdIds);

    /**
     * Locks the order's holds, in id order as checkout locks them, and returns how many it has. Taken
     * before reading what they hold: the expiry sweep skips locked holds, and a hold it took first
     * is seen ended once its sweep commits, so the two never half-see each other.
     */
    int lockOrderHolds(UUID orderId);

    /** Turns the order's active holds into sales; returns how many of its holds were still active. */
    int convertHolds(UUID orderId);

    int holdCount(UUID orderId);

    List<UUID> holdIds(UUID orderId);

    /** What the order's holds that are no longer active asked for, per ticket type (seats a late payment must take again). */
    List<HoldLine> linesOfEndedHolds(UUID orderId);

    void attachHold(UUID orderId, UUID holdId);
}
