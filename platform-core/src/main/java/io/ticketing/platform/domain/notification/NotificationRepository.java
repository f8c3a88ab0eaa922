package io.ticketing.platform.domain.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The current shop's outbox events and the deliveries made of them. Claims lock their rows with
 * FOR UPDATE SKIP LOCKED, so the relays of many nodes share the work and never take the same row.
 */
public interface NotificationRepository {

    /** An outbox event not yet turned into deliveries. */
    record Event(long id, String topic, String payload) {
    }

    /**
     * A delivery to make, due at {@code dueAt} (now when null). {@code recipient} is set for messages not to an
     * order's buyer (staff, say).
     */
    record NewDelivery(Long eventId, NotificationKind kind, String channel, UUID orderId, String recipient, String language,
                       String messageId, Instant dueAt) {
    }

    /** A delivery claimed for sending, with how often it was tried before and its event's payload (JSON, or null). */
    record Delivery(long id, NotificationKind kind, String channel, UUID orderId, String recipient, String language,
                    String messageId, int attempts, Instant createdAt, String payload) {
    }

    /** A delivery as staff see it. */
    record DeliveryView(long id, NotificationKind kind, String channel, UUID orderId, String status, int attempts,
                        String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt, Instant parkedAt) {
    }

    /** The backlog: deliveries waiting, the age of the oldest, and how many are parked. */
    record Backlog(long pending, long oldestPendingSeconds, long parked) {
    }

    /** An event an order has tickets for, as a message names it. */
    record OrderEvent(long id, String title, java.time.ZonedDateTime startsAt, String venue, String address, String city) {
    }

    /** The events of an order's lines, soonest first. */
    List<OrderEvent> eventsOfOrder(UUID orderId);

    /** Claims up to {@code limit} events not yet fanned out, oldest first. */
    List<Event> claimEvents(int limit);

    /** Adds a delivery; an event's delivery of one kind and channel is added once, however often it is fanned out. */
    void add(NewDelivery delivery);

    void markFannedOut(long eventId);

    /** Claims the next delivery due now on one of {@code channels}, or none. */
    Optional<Delivery> claimDue(List<String> channels);

    void markSent(long id);

    /** Not sent, on purpose (the buyer unsubscribed meanwhile). */
    void markSkipped(long id, String why);

    /** Records a failed attempt: tried again at {@code nextAttemptAt}, or parked when that is null. */
    void markFailed(long id, String error, Instant nextAttemptAt);

    /** A parked delivery goes back to the queue, due now, its attempts counted afresh; false if it was not parked. */
    boolean retry(long id);

    List<DeliveryView> list(String status, int limit);

    List<DeliveryView> ofOrder(UUID orderId);

    Backlog backlog();
}
