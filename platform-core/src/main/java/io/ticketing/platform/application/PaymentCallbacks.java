package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.order.CallbackInbox;
import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.order.CouponRedemptions;
import io.ticketing.platform.domain.order.OrderHolds;
import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.domain.order.TicketRepository;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The durable inbox for payment callbacks. Every callback is recorded; only a verified one acts,
 * and only its first delivery: the event id is claimed by a unique index in the same transaction
 * as the order's one conditional step, so a replay, a duplicate, or the same event arriving at two
 * nodes at once pays an order once. On PAID the tickets and an outbox message are written in that
 * transaction too: paid, ticketed and announced, or none of them.
 */
@ApplicationScoped
public class PaymentCallbacks {

    private static final Logger LOG = Logger.getLogger(PaymentCallbacks.class.getName());

    @Inject
    TenantTransactions transactions;

    @Inject
    CallbackInbox inbox;

    @Inject
    OrderRepository orders;

    @Inject
    OrderHolds orderHolds;

    @Inject
    CouponRedemptions coupons;

    @Inject
    TicketRepository tickets;

    @Inject
    Outbox outbox;

    @Inject
    PaymentProviders providers;

    @Inject
    HoldService holds;

    @Inject
    CheckoutSettings settings;

    @Inject
    BusinessMetrics metrics;

    /** What became of a callback: accepted (2xx) or refused (4xx), and why, in words. */
    public record Outcome(boolean accepted, boolean replay, String message, String acknowledgement) {

        Outcome(boolean accepted, boolean replay, String message) {
            this(accepted, replay, message, null);
        }

        Outcome acknowledgedWith(String body) {
            return new Outcome(accepted, replay, message, body);
        }
    }

    public Outcome receive(String providerId, Map<String, String> headers, byte[] body) {
        String payloadHash = OrderService.sha256(body);
        // One transaction: the shop's provider, its verdict on the signature (local work, no network), and what it does.
        // If it fails nothing was recorded: the provider retries, and the retry is not a replay.
        Received received = transactions.inTransaction(() -> {
            PaymentProvider provider = providers.of(providerId)
                    .orElseThrow(() -> new CatalogNotFoundException("This shop takes no payments through '" + providerId + "'"));
            CallbackEvent event;
            try {
                event = provider.verifyCallback(headers, body);
            } catch (InvalidCallbackException e) {
                inbox.record(providerId, null, null, false, false, payloadHash, "refused: " + e.getMessage());
                return new Received(provider, new Acted(new Outcome(false, false, "Callback refused: " + e.getMessage())));
            }
            if (event.live() != null && event.live() == settings.testMode()) {
                // Stripe's livemode: a test event must not pay a live shop's order, nor a live one a test shop's.
                String why = event.live() ? "a live payment event, and this shop is in test mode"
                        : "a test-mode payment event, and this shop is live";
                inbox.record(providerId, null, event.paymentRef(), false, false, payloadHash, "refused: " + why);
                return new Received(provider, new Acted(new Outcome(false, false, "Callback refused: " + why)));
            }
            return new Received(provider, act(providerId, event, payloadHash));
        });
        Outcome outcome = received.acted().outcome();
        metrics.paymentCallback(!outcome.accepted() ? BusinessMetrics.CallbackOutcome.REFUSED
                : outcome.replay() ? BusinessMetrics.CallbackOutcome.REPLAYED : BusinessMetrics.CallbackOutcome.ACCEPTED);
        if (!outcome.accepted()) {
            return outcome;
        }
        followUp(received.provider(), received.acted());
        return received.acted().outcome().acknowledgedWith(received.provider().callbackAcknowledgement());
    }

    /** A callback's provider and what the callback did. */
    private record Received(PaymentProvider provider, Acted acted) {
    }

    /** An order to ask about, and its provider (null when no payment was started). */
    private record Asked(OrderView order, PaymentProvider provider) {
    }

    /** What the provider said when asked where an order's payment stands, and what that did here. */
    public record StatusCheck(PaymentProvider.PaymentState providerSays, String outcome) {
    }

    /**
     * Asks the order's provider where its payment stands and acts on the answer as on a callback
     * (paid: tickets; declined or cancelled: seats back). For an order whose callback never came.
     * The answer goes through the inbox under its own event id, so asking twice, or a callback
     * arriving as well, still pays once.
     */
    public StatusCheck checkPayment(UUID orderId) {
        Asked asked = transactions.inTransaction(() -> {
            OrderView order = orders.find(orderId)
                    .orElseThrow(() -> new CatalogNotFoundException("No order " + orderId + " in this shop"));
            return new Asked(order, order.paymentRef() == null ? null : providers.of(order.provider()).orElseThrow(
                    () -> new CatalogConflictException("The shop's payment provider '" + order.provider()
                            + "' is no longer set up; ask it directly")));
        });
        OrderView order = asked.order();
        PaymentProvider provider = asked.provider();
        if (provider == null) {
            return new StatusCheck(PaymentProvider.PaymentState.UNKNOWN, "no payment was started for this order");
        }
        PaymentProvider.PaymentStatus status;
        try {
            status = provider.status(order.paymentRef());
        } catch (PaymentUnavailableException e) {
            throw new PaymentServiceDownException("The payment service cannot be reached to check order " + orderId
                    + "; nothing was changed: try again later", e);
        }
        CallbackEvent.Kind kind = switch (status.state()) {
            case PAID -> CallbackEvent.Kind.PAID;
            case DECLINED -> CallbackEvent.Kind.DECLINED;
            case CANCELLED -> CallbackEvent.Kind.CANCELLED;
            default -> null;
        };
        if (kind == null) {
            return new StatusCheck(status.state(), "nothing to do: the payment is " + status.state().name().toLowerCase(Locale.ROOT)
                    + " at the provider");
        }
        CallbackEvent event = new CallbackEvent("status:" + order.paymentRef() + ":" + kind, order.paymentRef(), kind,
                status.amount() == null ? order.total() : status.amount(), Instant.now());
        Acted acted = transactions.inTransaction(() -> act(order.provider(), event, OrderService.sha256(event.eventId())));
        followUp(provider, acted);
        return new StatusCheck(status.state(), acted.outcome().message());
    }

    /** After the inbox transaction: give back the seats of a cancelled order, refund a payment that came too late. */
    private void followUp(PaymentProvider provider, Acted acted) {
        if (acted.paid()) {
            metrics.orderPaid();
        }
        for (UUID holdId : acted.release()) {
            try {
                holds.releaseFor(holdId);
            } catch (RuntimeException e) {
                LOG.warning("Hold " + holdId + " of a cancelled order is left to expire: " + e);
            }
        }
        if (acted.refund() != null) {
            refundLatePayment(provider, acted.refund());
        }
    }

    /** What a verified callback did: its answer, holds to give back, and a late payment to refund (or null). */
    private record Acted(Outcome outcome, List<UUID> release, OrderRepository.LockedOrder refund, boolean paid) {
        Acted(Outcome outcome, List<UUID> release, OrderRepository.LockedOrder refund) {
            this(outcome, release, refund, false);
        }

        Acted(Outcome outcome) {
            this(outcome, List.of(), null, false);
        }

        /** The order became paid. */
        static Acted paidWith(Outcome outcome) {
            return new Acted(outcome, List.of(), null, true);
        }
    }

    private Acted act(String providerId, CallbackEvent event, String payloadHash) {
        if (!inbox.record(providerId, event.eventId(), event.paymentRef(), true, false, payloadHash, "received")) {
            inbox.record(providerId, event.eventId(), event.paymentRef(), true, true, payloadHash, "replay: already handled");
            return new Acted(new Outcome(true, true, "Already handled"));
        }
        var found = orders.lockByPayment(providerId, event.paymentRef());
        if (found.isEmpty()) {
            inbox.setOutcome(providerId, event.eventId(), "no order for this payment");
            return new Acted(new Outcome(true, false, "No order for this payment"));
        }
        OrderRepository.LockedOrder order = found.get();
        Acted acted = switch (event.kind()) {
            case PAID -> paid(order, event);
            case DECLINED, CANCELLED -> cancelled(order, event.kind());
            default -> new Acted(new Outcome(true, false, "noted"));
        };
        inbox.setOutcome(providerId, event.eventId(), acted.outcome().message());
        return acted;
    }

    private Acted cancelled(OrderRepository.LockedOrder order, CallbackEvent.Kind kind) {
        if (order.status() == OrderStatus.PENDING && orders.move(order.id(), OrderStatus.PENDING, OrderStatus.CANCELLED)) {
            if (order.couponId() != null) {
                coupons.returnCouponUse(order.couponId());
            }
            outbox.add("order.cancelled", JSON.createObjectBuilder().add("orderId", order.id().toString())
                    .add("reason", kind.name()).build().toString());
            return new Acted(new Outcome(true, false, "cancelled (" + kind.name().toLowerCase(Locale.ROOT) + ")"),
                    orderHolds.holdIds(order.id()), null);
        }
        return new Acted(new Outcome(true, false, "ignored: order is " + order.status()));
    }

    private Acted paid(OrderRepository.LockedOrder order, CallbackEvent event) {
        if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.EXPIRED && order.status() != OrderStatus.CANCELLED) {
            // The same payment (a payment reference belongs to one order) told again under another event
            // id: Alipay's TRADE_FINISHED after TRADE_SUCCESS, or a status check after the callback.
            return new Acted(new Outcome(true, false, "already paid: this payment was recorded before"));
        }
        if (!event.amount().equals(order.total())) {
            orders.flag(order.id(), "paid " + event.amount().amount() + " " + event.amount().currency()
                    + " for a total of " + order.total().amount() + " " + order.total().currency());
            return new Acted(new Outcome(true, false, "flagged: amount differs from the order's total"));
        }
        // Locked before they are read, so the expiry sweep cannot end a hold between this read and its conversion.
        orderHolds.lockOrderHolds(order.id());
        // Holds that ran out (the order's time passed, or it was cancelled) lost their seats: those
        // lines are taken again from what is on sale now. Late money is never lost.
        List<HoldLine> lost = orderHolds.linesOfEndedHolds(order.id());
        orderHolds.convertHolds(order.id());
        orders.move(order.id(), order.status(), OrderStatus.PAID);
        if (order.status() != OrderStatus.PENDING && order.couponId() != null && !coupons.redeem(order.couponId())) {
            // The order's end gave its coupon use back; a late payment takes it again or is not honoured.
            orders.flag(order.id(), "paid after it ended, and its coupon has no use left: refunded");
            return new Acted(new Outcome(true, false, "late payment: coupon used up, refunding"), List.of(), order);
        }
        if (!lost.isEmpty()) {
            try {
                Hold again = holds.placeFor(order.buyer(), lost);
                orderHolds.attachHold(order.id(), again.id());
                orderHolds.convertHolds(order.id());
            } catch (SoldOutException | HoldLimitException | CatalogNotFoundException gone) {
                orders.flag(order.id(), "paid after its seats were released, and they are gone (" + gone.getMessage() + "): refunded");
                return new Acted(new Outcome(true, false, "late payment: seats gone, refunding"), List.of(), order);
            }
        }
        int issued = tickets.issueTickets(order.id());
        // No buyer data in the message: whoever sends it reads the (sealed) order.
        outbox.add("order.paid", JSON.createObjectBuilder().add("orderId", order.id().toString())
                .add("tickets", issued).build().toString());
        List<TicketRepository.TypeCount> differing = tickets.issuedDifferingFromBought(order.id());
        if (!differing.isEmpty()) {
            // Paid is paid, but staff must see it: issue the missing tickets or refund them.
            String counts = differing.stream().map(d -> "type " + d.ticketTypeId() + ": " + d.issued() + " of " + d.bought())
                    .collect(java.util.stream.Collectors.joining(", "));
            orders.flag(order.id(), "paid, but the tickets issued differ from those bought (" + counts + "): check and issue or refund");
            LOG.warning("Order " + order.id() + " paid with tickets differing from those bought: " + counts);
            return Acted.paidWith(new Outcome(true, false, "flagged: paid, but " + issued + " ticket(s) issued differ from those bought"));
        }
        return Acted.paidWith(new Outcome(true, false, (lost.isEmpty() ? "paid: " : "late payment honoured: ") + issued + " ticket(s) issued"));
    }

    /** Gives back a payment that came after its seats were gone; if the provider cannot, staff are told to. */
    private void refundLatePayment(PaymentProvider provider, OrderRepository.LockedOrder order) {
        String failure;
        try {
            provider.refund(order.paymentRef(), order.total(), "late-" + order.id());
            failure = null;
        } catch (PaymentUnavailableException | RuntimeException e) {
            failure = "paid too late to be honoured; the automatic refund failed (" + e.getMessage() + "): refund by hand";
        }
        String note = failure;
        try {
            transactions.run(() -> {
                if (note == null) {
                    orders.markRefunded(order.id());
                } else {
                    orders.flag(order.id(), note);
                }
            });
        } catch (RuntimeException e) {
            LOG.severe("Late payment of order " + order.id() + " refunded=" + (note == null) + " but not recorded: " + e);
        }
    }
}
