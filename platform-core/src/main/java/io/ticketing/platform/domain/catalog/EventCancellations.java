package io.ticketing.platform.domain.catalog;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What cancelling an event touches, and its refund run: one row per paid order, claimed by whichever node's
 * housekeeping gets it first (FOR UPDATE SKIP LOCKED), so the run survives a node that stops midway. All in the
 * current tenant transaction.
 */
public interface EventCancellations {

    /** Paid money of one currency: how many orders and how much is still not refunded. */
    record Paid(String currency, int orders, long amountMinor) {
    }

    /** What cancelling the event would touch now. */
    record Impact(List<Paid> paid, int paidOrders, int validTickets, int unpaidOrders, int activeHolds) {
    }

    /** One order of the refund run and where it stands. */
    record RefundRow(long eventId, UUID orderId, String status, int attempts, Long amountMinor, String currency, String reason,
                     String requestedBy, OffsetDateTime finishedAt) {
    }

    Impact impact(long eventId);

    /** Unpaid (PENDING) orders holding tickets of the event. */
    List<UUID> unpaidOrders(long eventId);

    /** Active holds of the event's tickets that no order pays for (baskets). */
    List<UUID> basketHolds(long eventId);

    /** A row for every paid or partly refunded order with tickets of the event; orders already in the run are left as they are. */
    int enqueue(long eventId, String requestedBy);

    /** Up to {@code limit} due rows (pending, or running on a node that stopped longer than {@code stale} ago), now this node's. */
    List<RefundRow> claim(String node, int limit, Duration stale);

    /** The row's end, if this node still holds it. */
    boolean finish(long eventId, UUID orderId, String node, String status, Long amountMinor, String currency, String reason);

    /** Back to pending after {@code delay}, with the reason it could not be done now. */
    void later(long eventId, UUID orderId, String node, String reason, Duration delay);

    /** Failed rows of the event become pending again; returns how many. */
    int retryFailed(long eventId);

    List<RefundRow> rows(long eventId);

    /** The order's currency. */
    String currencyOf(UUID orderId);

    /** The event's ticket types in the order with what is not yet refunded: ticket type to quantity. */
    Map<Long, Integer> refundableLines(UUID orderId, long eventId);
}
