package io.ticketing.platform.domain.order;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refunds: reserved against the order before the provider is asked, then done or released.
 */
public interface RefundRepository {

    /** A refund as stored: {@code linesJson} is [{ticketTypeId, quantity, amountMinor}]. */
    record RefundRow(UUID id, UUID orderId, String status, long amountMinor, boolean restock, String linesJson,
                            String providerRef) {
    }

    /** One line of an order as a refund sees it. */
    record LineState(long ticketTypeId, String name, int quantity, int refundedQuantity, long netMinor, long refundedMinor) {
    }

    Optional<RefundRow> byKey(UUID orderId, String key);

    List<LineState> lines(UUID orderId);

    /** Counts (or, with negative numbers, uncounts) a refund against the order and its line. */
    void count(UUID orderId, long ticketTypeId, int quantity, long amountMinor);

    /** Sets the order's status from what is refunded, whatever it was (reservations and their undoing). */
    void settleStatus(UUID orderId);

    void insert(UUID id, UUID orderId, String key, long amountMinor, boolean restock, String linesJson, String staff,
            String reason);

    /** Ends a RESERVED refund as DONE or FAILED; false when it was not (or no longer) RESERVED, and nothing changed. */
    boolean endReserved(UUID refundId, String status, String providerRef);

    /** A failed refund tried again, with what it counts this time. */
    void reserveAgain(UUID refundId, long amountMinor, String linesJson);

    /** A refund of the order RESERVED less than {@code seconds} ago: one waiting on the provider right now. */
    Optional<RefundRow> inFlight(UUID orderId, int seconds);

    /** A RESERVED refund taken up again (its first try was left behind): reserved now, counted as it was. */
    void resume(UUID refundId);

    String linesOf(UUID refundId);
}
