package io.ticketing.platform.domain.order;

import io.ticketing.platform.domain.shared.Money;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders of the current shop. Every state change is conditional: its answer says whether this caller made it.
 */
public interface OrderRepository {

    /** An order placed under an Idempotency-Key, and the fingerprint of the request that placed it. */
    record KeyedOrder(UUID id, String requestSha256) {
    }

    /** The order's id and what its payment needs, locked for a state change. */
    record LockedOrder(UUID id, String buyer, String buyerEmail, OrderStatus status, Money total, Long couponId,
                              String provider, String paymentRef) {
    }

    /**
     * An order as checkout makes it: PENDING, its holds kept until {@code paymentMinutes} from now; the buyer's
     * language and the shop's address as the buyer used it, for the mails about the order; the buyer's mobile
     * number (E.164, or null) and whether they asked for the confirmation by SMS too.
     */
    record NewOrder(UUID id, String buyer, String email, String name, boolean marketingConsent, String idempotencyKey, String requestSha256, Quote quote,
                    Long couponId, String provider, int paymentMinutes, List<UUID> holdIds, String language, String shopUrl,
                    String phone, boolean smsConfirmation) {
    }

    /**
     * Whom the messages about an order go to, in which language, and the shop's address they link to; the
     * mobile number (or null) and whether the buyer asked for the confirmation by SMS.
     */
    record Contact(UUID orderId, String email, String name, String language, String shopUrl, String phone, boolean smsConfirmation) {
    }

    /** A due order claimed for a payment check, and its provider. */
    record DueOrder(UUID id, String provider) {
    }

    Optional<KeyedOrder> byIdempotencyKey(String buyer, String key);

    /** The order a provider's payment belongs to, without locking it (for reading). */
    Optional<UUID> idByPayment(String provider, String paymentRef);

    void insert(NewOrder order);

    void attachPayment(UUID orderId, String paymentRef, String paymentUrl);

    Optional<OrderView> find(UUID id);

    /** The order's buyer contact, unsealed. */
    Optional<Contact> contact(UUID id);

    /** The order a provider's payment belongs to, locked for its state change. */
    Optional<LockedOrder> lockByPayment(String provider, String paymentRef);

    Optional<LockedOrder> lockById(UUID orderId);

    /** The order a refund belongs to, locked. */
    UUID lockRefundOrder(UUID refundId);

    /** The one conditional step of an order's life: true only for the caller that made it. */
    boolean move(UUID orderId, OrderStatus from, OrderStatus to);

    void clearFlag(UUID orderId);

    void flag(UUID orderId, String why);

    /** A paid order whose money went back in full (a late payment without seats). */
    void markRefunded(UUID orderId);

    /**
     * Claims the oldest due PENDING order whose payment was started and nobody has asked about yet,
     * leaving out orders of providers already found down this round (SKIP LOCKED: one node per order).
     */
    Optional<DueOrder> claimDueForPaymentCheck(List<String> skipProviders);

    /** An order the sweep ended: its coupon (or null) and the payment to close at the provider (or nulls). */
    record Ended(UUID id, Long couponId, String provider, String paymentRef) {
    }

    /** Seals up to {@code limit} orders written before buyer data was sealed at rest; returns how many. */
    int sealLegacyBuyerData(int limit);

    /** Ends due PENDING orders (claimed with SKIP LOCKED, so many nodes can sweep). */
    List<Ended> expireDue(int limit);
}
