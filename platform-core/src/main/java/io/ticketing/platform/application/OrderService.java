package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.order.CouponNotApplicableException;
import io.ticketing.platform.domain.order.CouponRedemptions;
import io.ticketing.platform.domain.order.CouponTerms;
import io.ticketing.platform.domain.order.IssuedTicket;
import io.ticketing.platform.domain.order.OrderHolds;
import io.ticketing.platform.domain.order.TicketRepository;
import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.shared.ConstraintViolationException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PhoneNumber;
import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.order.Quote;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.HoldStatus;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checkout: turns a buyer's holds into a PENDING order with exact totals and starts its payment.
 * An {@code Idempotency-Key} per buyer makes a retry or a double click return the first order; the
 * same key with another request is refused. The payment is started after the order's transaction
 * (no locks held across a network call); if the provider is down, the order waits and the same
 * request, retried, starts it.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{8,200}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    @Inject
    TenantTransactions transactions;

    @Inject
    OrderRepository orders;

    @Inject
    OrderHolds orderHolds;

    @Inject
    OrderSearches searches;

    @Inject
    CouponRedemptions coupons;

    @Inject
    PaymentProviders providers;

    @Inject
    HoldService holds;

    @Inject
    BuyerLimits limits;

    @Inject
    BusinessMetrics metrics;

    @Inject
    TenantSecrets secrets;

    @Inject
    TicketRepository tickets;

    @Inject
    Outbox outbox;

    @Inject
    io.ticketing.platform.domain.tenant.StaffAuditLog audit;

    /** How long a buyer has to pay once the order is placed; the holds last as long. */
    @Inject
    @ConfigProperty(name = "ticketing.orders.payment-minutes", defaultValue = "15")
    int paymentMinutes;

    /**
     * Who buys: the signed-in user (token subject) and where the tickets go; an optional mobile number (as typed:
     * checkout checks and normalises it) and whether the confirmation should also come by SMS.
     */
    public record Buyer(String subject, String email, String name, boolean marketingConsent, String language, String phone,
                        boolean smsConfirmation) {

        /** A buyer who gave no phone number. */
        public Buyer(String subject, String email, String name, boolean marketingConsent, String language) {
            this(subject, email, name, marketingConsent, language, null, false);
        }

        /** A buyer whose language is not known: mails about the order are in the shop's default (English). */
        public Buyer(String subject, String email, String name, boolean marketingConsent) {
            this(subject, email, name, marketingConsent, null);
        }

        /** A buyer who did not ask for the organizer's news. */
        public Buyer(String subject, String email, String name) {
            this(subject, email, name, false);
        }
    }

    /** The order, and whether this request made it (false: the same request came before). */
    public record Placed(OrderView order, boolean created) {
    }

    /** The order a checkout request stands for, whether it made it, and the provider to start its payment with (or null). */
    private record Taken(OrderView order, boolean created, PaymentProvider provider) {
    }

    public Placed place(Buyer buyer, String clientAddress, String idempotencyKey, List<UUID> holdIds, String couponCode,
            String shopUrl) {
        validate(buyer, idempotencyKey, holdIds);
        buyer = withCheckedPhone(buyer);
        limits.countOrder(new Requester(buyer.subject(), clientAddress));
        return placeCounted(buyer, idempotencyKey, holdIds, couponCode, shopUrl);
    }

    private Placed placeCounted(Buyer buyer, String idempotencyKey, List<UUID> holdIds, String couponCode, String shopUrl) {
        List<UUID> holds = holdIds.stream().distinct().sorted().toList();
        String coupon = couponCode == null || couponCode.isBlank() ? null : couponCode.strip().toUpperCase(Locale.ROOT);
        // Keyed under the shop's key: the request names the buyer's address, and a plain hash of a guessable
        // address would tell whoever holds a copy of the table whose order it is.
        String requestHash = HexFormat.of().formatHex(secrets.mac(TenantContext.require(), "order-request",
                (holds + "|" + coupon + "|" + buyer.email().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)));
        Taken taken;
        try {
            // One transaction: find or make the order, read it back, and the provider that will take its payment.
            taken = transactions.inTransaction(() -> {
                Optional<OrderRepository.KeyedOrder> earlier = orders.byIdempotencyKey(buyer.subject(), idempotencyKey);
                if (earlier.isPresent() && !earlier.get().requestSha256().equals(requestHash)) {
                    throw new IdempotencyConflictException();
                }
                UUID id = earlier.isPresent() ? earlier.get().id() : create(buyer, idempotencyKey, requestHash, holds, coupon, shopUrl);
                OrderView order = orders.find(id).orElseThrow();
                PaymentProvider provider = order.paymentRef() == null && order.status().isOpen()
                        ? providers.of(order.provider()).orElseThrow(() -> new PlatformDataException(
                                "The shop's payment provider '" + order.provider() + "' is not set up", null))
                        : null;
                return new Taken(order, earlier.isEmpty(), provider);
            });
        } catch (ConstraintViolationException e) {
            if (e.kind() == ConstraintViolationException.Kind.UNIQUE) {
                // The same key raced itself on two nodes: the other request made the order.
                return placeCounted(buyer, idempotencyKey, holdIds, couponCode, shopUrl);
            }
            throw e;
        }
        OrderView order = taken.order();
        if (taken.created()) {
            metrics.orderCreated();
        }
        if (taken.provider() != null) {
            order = startPayment(taken.provider(), order, shopUrl);
        }
        return new Placed(order, taken.created());
    }

    private static void validate(Buyer buyer, String idempotencyKey, List<UUID> holdIds) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidFieldException("Idempotency-Key", "Send an Idempotency-Key header: 8 to 200 visible characters, new for each order");
        }
        if (holdIds == null || holdIds.isEmpty()) {
            throw new InvalidFieldException("holdIds", "Say which holds to buy: holdIds");
        }
        if (buyer.email() == null || !EMAIL.matcher(buyer.email()).matches()) {
            throw new InvalidFieldException("buyer.email", "An e-mail address is needed to send the tickets to");
        }
    }

    /** The phone number in E.164 (or none); an SMS asked for without a number is refused, naming the phone field. */
    private static Buyer withCheckedPhone(Buyer buyer) {
        String phone = PhoneNumber.normalize("buyer.phone", buyer.phone());
        if (buyer.smsConfirmation() && phone == null) {
            throw new InvalidFieldException("buyer.phone", "Give a mobile number to get the confirmation by SMS");
        }
        return new Buyer(buyer.subject(), buyer.email(), buyer.name(), buyer.marketingConsent(), buyer.language(), phone,
                buyer.smsConfirmation());
    }

    private UUID create(Buyer buyer, String key, String requestHash, List<UUID> holdIds, String couponCode, String shopUrl) {
        List<OrderHolds.HoldRow> rows = orderHolds.lockHolds(buyer.subject(), holdIds);
        for (UUID id : holdIds) {
            OrderHolds.HoldRow row = rows.stream().filter(r -> r.id().equals(id)).findFirst()
                    .orElseThrow(() -> new CatalogNotFoundException("No hold " + id + " of yours in this shop"));
            if (row.orderId() != null) {
                throw new CatalogConflictException("Hold " + id + " is already being paid for in another order");
            }
            if (!row.status().equals(HoldStatus.ACTIVE.name()) || !row.expiresAt().isAfter(Instant.now())) {
                throw new HoldEndedException(row.status().equals("ACTIVE") ? HoldStatus.EXPIRED : HoldStatus.valueOf(row.status()));
            }
        }
        CouponRedemptions.CouponRow couponRow = couponCode == null ? null : validCoupon(couponCode);
        Long couponId = couponRow == null ? null : couponRow.id();
        CouponTerms terms = couponRow == null ? null : couponRow.terms();
        List<PricedLine> lines = orderHolds.pricedLines(holdIds);
        checkEmailLimits(buyer.subject(), buyer.email(), lines);
        Quote quote = Quote.of(lines, terms);
        if (couponId != null && !coupons.redeem(couponId)) {
            throw new CouponNotApplicableException(couponCode, CouponNotApplicableException.Reason.USED_UP, "has been used up");
        }
        UUID id = UUID.randomUUID();
        String provider = providers.chosen().orElseThrow(() -> new CatalogConflictException(
                "This shop does not take payments yet; the organizer has to set up a payment provider"));
        orders.insert(new OrderRepository.NewOrder(id, buyer.subject(), buyer.email(), buyer.name(), buyer.marketingConsent(), key, requestHash, quote,
                couponId, provider, paymentMinutes, holdIds, buyer.language(), shopUrl, buyer.phone(), buyer.smsConfirmation()));
        return id;
    }

    /** The shop's coupon of this code, usable now (uses are counted when the order is made). */
    private CouponRedemptions.CouponRow validCoupon(String couponCode) {
        CouponRedemptions.CouponRow row = coupons.coupon(couponCode)
                .orElseThrow(() -> new CouponNotApplicableException(couponCode, CouponNotApplicableException.Reason.UNKNOWN, "does not exist in this shop"));
        if (!row.active()) {
            throw new CouponNotApplicableException(couponCode, CouponNotApplicableException.Reason.DEACTIVATED, "is no longer offered");
        }
        Instant now = Instant.now();
        if (row.validFrom() != null && now.isBefore(row.validFrom())) {
            throw new CouponNotApplicableException(couponCode, CouponNotApplicableException.Reason.NOT_YET_VALID, "is not valid yet");
        }
        if (row.validUntil() != null && !now.isBefore(row.validUntil())) {
            throw new CouponNotApplicableException(couponCode, CouponNotApplicableException.Reason.EXPIRED, "has expired");
        }
        return row;
    }

    /**
     * What the buyer's holds would cost with the coupon (or none), before any order is made: the
     * same pricing the order will use, so the discount shown is the discount paid. A coupon that
     * does not apply is refused as it would be at checkout; its uses are not counted here.
     */
    public Quote quote(String buyer, List<UUID> holdIds, String couponCode) {
        List<UUID> ids = holdIds.stream().distinct().sorted().toList();
        if (ids.isEmpty()) {
            throw new InvalidFieldException("holdIds", "Say which holds to price: holdIds");
        }
        String coupon = couponCode == null || couponCode.isBlank() ? null : couponCode.strip().toUpperCase(Locale.ROOT);
        return transactions.inTransaction(() -> {
            List<OrderHolds.HoldRow> rows = orderHolds.lockHolds(buyer, ids);
            if (rows.size() != ids.size()) {
                throw new CatalogNotFoundException("No hold of these of yours in this shop");
            }
            return Quote.of(orderHolds.pricedLines(ids), coupon == null ? null : validCoupon(coupon).terms());
        });
    }

    /**
     * Per-buyer limits counted by e-mail address across live orders: the hold already counted the
     * buyer's account, this stops a guest (or a second account) ordering past the limit.
     */
    private void checkEmailLimits(String buyer, String email, List<PricedLine> lines) {
        long[] typeIds = lines.stream().mapToLong(PricedLine::ticketTypeId).toArray();
        if (searches.emailLimits(buyer, email, typeIds).isEmpty()) {
            return;
        }
        transactions.lockUntilCommit("order-email:" + email.toLowerCase(Locale.ROOT));
        for (OrderSearches.EmailLimit limit : searches.emailLimits(buyer, email, typeIds)) {
            int wanted = lines.stream().filter(l -> l.ticketTypeId() == limit.ticketTypeId()).mapToInt(PricedLine::quantity).sum();
            if (limit.alreadyOrdered() + wanted > limit.maxPerBuyer()) {
                // Neither the count nor the orders: whoever types an address must not learn what its owner bought.
                throw new HoldLimitException("quantity", HoldLimitException.Limit.PER_EMAIL, limit.maxPerBuyer(), "At most " + limit.maxPerBuyer() + " of '" + limit.name()
                        + "' per buyer, and this order would go past it for this e-mail address");
            }
        }
    }

    /** Starts the payment outside any transaction (no locks held across a network call), then records it. */
    private OrderView startPayment(PaymentProvider provider, OrderView order, String shopUrl) {
        PaymentProvider.PaymentSession session;
        try {
            // The buyer comes back to the order's page, which a guest can open from any browser by its key.
            String orderUrl = shopUrl + linkPath(order.id());
            session = provider.createPayment(new PaymentProvider.PaymentRequest(order.id().toString(), order.total(),
                    order.lines().size() + " ticket type(s)", order.buyerEmail(), shopUrl, orderUrl, orderUrl,
                    shopUrl + "api/payments/callback/" + order.provider(), order.expiresAt()));
        } catch (PaymentUnavailableException e) {
            throw new PaymentServiceDownException("The payment service cannot be reached; your order " + order.id()
                    + " is kept: send the same request again to pay", e);
        }
        return transactions.inTransaction(() -> {
            orders.attachPayment(order.id(), session.paymentRef(), session.redirectUrl());
            // a retry racing this one may have attached its own session first: the stored one counts
            return orders.find(order.id()).orElseThrow();
        });
    }

    /** An order by its provider's payment reference (for the sandbox's own payment page). */
    public OrderView findByPayment(String provider, String paymentRef) {
        UUID id = transactions.inTransaction(() -> orders.idByPayment(provider, paymentRef))
                .orElseThrow(() -> new CatalogNotFoundException("No payment " + paymentRef + " in this shop"));
        return find(id);
    }

    /** Seals the buyer data of orders written before it was sealed at rest (once, at start-up; safe on many nodes). */
    public int sealLegacyBuyerData() {
        int sealed = 0;
        for (int batch; (batch = transactions.inTransaction(() -> orders.sealLegacyBuyerData(200))) > 0; ) {
            sealed += batch;
        }
        return sealed;
    }

    /** Expires up to {@code limit} unpaid orders past their time (their holds run out with them); safe on many nodes. */
    public int expireDue(int limit) {
        List<OrderRepository.Ended> ended = transactions.inTransaction(() -> {
            List<OrderRepository.Ended> expired = orders.expireDue(limit);
            expired.stream().filter(e -> e.couponId() != null).forEach(e -> coupons.returnCouponUse(e.couponId()));
            // The buyer hears that the seats went back, and how to try again.
            expired.forEach(e -> outbox.add("order.expired", jakarta.json.Json.createObjectBuilder()
                    .add("orderId", e.id().toString()).build().toString()));
            return expired;
        });
        ended.forEach(this::closePayment);
        return ended.size();
    }

    /**
     * Closes an ended order's payment at its provider, after the commit (no locks across a network
     * call). Best effort: if the provider cannot be told, a payment may still arrive, and it is
     * then honoured only if the seats and the coupon use can be taken again.
     */
    private void closePayment(OrderRepository.Ended ended) {
        if (ended.paymentRef() == null) {
            return;
        }
        try {
            Optional<PaymentProvider> provider = transactions.inTransaction(() -> providers.of(ended.provider()));
            if (provider.isPresent()) {
                provider.get().cancelPayment(ended.paymentRef());
            }
        } catch (PaymentUnavailableException | RuntimeException e) {
            LOG.warning("The payment of ended order " + ended.id() + " could not be closed at " + ended.provider() + ": " + e.getMessage());
        }
    }

    /** Orders as staff search them (or, with {@code buyer} set, one buyer's history). */
    public List<OrderView> search(OrderSearches.Search search) {
        return transactions.inTransaction(() -> searches.search(search));
    }

    /** Staff end an unpaid order (a stuck one, say): its seats and coupon use come back. */
    public OrderView cancelByStaff(UUID orderId) {
        return cancelByStaff(null, orderId);
    }

    /** The same, recorded in the staff audit log ({@code order.cancel}) in the transaction that cancels. */
    public OrderView cancelByStaff(io.ticketing.platform.domain.tenant.StaffAuditLog.Actor actor, UUID orderId) {
        OrderRepository.Ended[] ended = new OrderRepository.Ended[1];
        List<UUID> release = transactions.inTransaction(() -> {
            OrderRepository.LockedOrder order = orders.lockById(orderId)
                    .orElseThrow(() -> new CatalogNotFoundException("No order " + orderId + " in this shop"));
            order.status().to(OrderStatus.CANCELLED);
            orders.move(orderId, order.status(), OrderStatus.CANCELLED);
            if (actor != null) {
                audit.add(actor, "order.cancel", "cancelled unpaid order", new io.ticketing.platform.domain.tenant.StaffAuditLog.Change(
                        "order:" + orderId, java.util.Map.of("status", order.status().name()), java.util.Map.of("status", OrderStatus.CANCELLED.name())));
            }
            if (order.couponId() != null) {
                coupons.returnCouponUse(order.couponId());
            }
            ended[0] = new OrderRepository.Ended(orderId, order.couponId(), order.provider(), order.paymentRef());
            return orderHolds.holdIds(orderId);
        });
        release.forEach(holds::releaseFor);
        closePayment(ended[0]);
        return find(orderId);
    }

    /** Staff have looked at a flagged order and dealt with it: the flag goes, the order leaves the stuck list. */
    public OrderView markReviewed(UUID orderId) {
        return markReviewed(null, orderId);
    }

    /** The same, recorded in the staff audit log ({@code order.review}, with the flag it cleared) in the same transaction. */
    public OrderView markReviewed(io.ticketing.platform.domain.tenant.StaffAuditLog.Actor actor, UUID orderId) {
        transactions.run(() -> {
            orders.lockById(orderId).orElseThrow(() -> new CatalogNotFoundException("No order " + orderId + " in this shop"));
            String flag = actor == null ? null : orders.find(orderId).map(OrderView::needsReview).orElse(null);
            orders.clearFlag(orderId);
            if (actor != null) {
                audit.add(actor, "order.review", "marked reviewed", new io.ticketing.platform.domain.tenant.StaffAuditLog.Change(
                        "order:" + orderId, flag == null ? java.util.Map.of() : java.util.Map.of("needsReview", flag),
                        flag == null ? java.util.Map.of() : java.util.Map.of("needsReview", "")));
            }
        });
        return find(orderId);
    }

    /** The buyer's own order; anyone else's is not found. */
    public OrderView findOwn(String buyer, UUID orderId) {
        OrderView order = find(orderId);
        if (!order.buyer().equals(buyer)) {
            throw new CatalogNotFoundException("No order " + orderId + " of yours in this shop");
        }
        return order;
    }

    /**
     * The key of an order's link: whoever has the link may see the order, which is how a guest
     * comes back to it (from the payment page, from their mail). A MAC of the order id under the
     * shop's key, so a link of shop A opens nothing in shop B and none can be made up.
     */
    public String linkKey(UUID orderId) {
        byte[] mac = secrets.mac(TenantContext.require(), "order-link", orderId.toString().getBytes(StandardCharsets.UTF_8));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 16));
    }

    /** The order's page relative to the shop's base URL, with its link key. */
    public String linkPath(UUID orderId) {
        return "orders/" + orderId + "?key=" + linkKey(orderId);
    }

    /** The order its link names, if the key is the order's; otherwise not found (a wrong key tells nothing). */
    public OrderView findByLink(UUID orderId, String key) {
        if (key == null || !MessageDigest.isEqual(linkKey(orderId).getBytes(StandardCharsets.US_ASCII),
                key.getBytes(StandardCharsets.US_ASCII))) {
            throw new CatalogNotFoundException("No order " + orderId + " in this shop");
        }
        return find(orderId);
    }

    /** The tickets of an order the caller may see (found by its buyer, link or staff). */
    public List<IssuedTicket> tickets(OrderView order) {
        return transactions.inTransaction(() -> tickets.ofOrder(order.id()));
    }

    public OrderView find(UUID orderId) {
        return transactions.inTransaction(() -> orders.find(orderId))
                .orElseThrow(() -> new CatalogNotFoundException("No order " + orderId + " in this shop"));
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same Idempotency-Key came with a different request. */
    public static class IdempotencyConflictException extends RuntimeException {
        IdempotencyConflictException() {
            super("This Idempotency-Key was already used for a different order; use a new key for a new order");
        }
    }
}
