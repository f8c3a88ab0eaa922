package io.ticketing.platform.domain.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the back office shows of one order besides the order itself: its coupon, the payment callbacks
 * that named its payment, its refunds, and its tickets with their check-in state. Read-only, in the current
 * tenant transaction.
 */
public interface OrderRecords {

    /** A callback the shop received for the order's payment (or a status check, recorded the same way). */
    record Callback(long id, Instant receivedAt, String eventId, boolean signatureOk, boolean replay, String outcome) {
    }

    /** A refund of the order: its state, money (minor units of the order's currency), lines as stored, and who asked. */
    record Refund(UUID id, String status, long amountMinor, boolean restock, List<RefundedLine> lines, String staff,
                  String providerRef, String reason, Instant createdAt) {
        public Refund {
            lines = List.copyOf(lines);
        }
    }

    /** Tickets of one ticket type a refund gave back. */
    record RefundedLine(long ticketTypeId, int quantity, long amountMinor) {
    }

    /** A ticket of the order: its code, type, whether it still counts, and when (and by whom) it was let in. */
    record Ticket(String code, long ticketTypeId, String ticketTypeName, boolean valid, Instant checkedInAt, String checkedInBy) {
    }

    Optional<String> couponCode(UUID orderId);

    /** Callbacks naming this payment, oldest first. */
    List<Callback> callbacks(String provider, String paymentRef);

    /** Oldest first. */
    List<Refund> refunds(UUID orderId);

    List<Ticket> tickets(UUID orderId);
}
