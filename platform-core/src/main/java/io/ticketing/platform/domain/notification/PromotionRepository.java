package io.ticketing.platform.domain.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The current shop's promotions, who may receive them, and who unsubscribed. */
public interface PromotionRepository {

    record Promotion(long id, String subject, String body) {
    }

    /** A promotion as staff see it, with what became of its deliveries. */
    record PromotionView(long id, String subject, String createdBy, Instant createdAt, Integer recipients, long sent, long pending,
                         long skipped, long parked) {
    }

    long add(String subject, String body, String createdBy);

    Optional<Promotion> find(long id);

    void recordRecipients(long id, int recipients);

    List<PromotionView> recent(int limit);

    /**
     * One order per buyer who may receive promotions now: their latest order, where it agreed to hear from the
     * shop and they have not unsubscribed since.
     */
    List<UUID> audience();

    /** Whether the buyer of this order unsubscribed after the order's consent (checked again just before sending). */
    boolean unsubscribedSince(UUID orderId);

    /** The keyed index of the order buyer's address, which unsubscribe links carry instead of the address. */
    Optional<String> emailIndexOf(UUID orderId);

    /** Records that the buyer with this address index wants no more promotions; false if they had already said so. */
    boolean unsubscribe(String emailIndex);

    /** Whether any order of the shop has this address index (an unsubscribe link of this shop). */
    boolean knows(String emailIndex);
}
