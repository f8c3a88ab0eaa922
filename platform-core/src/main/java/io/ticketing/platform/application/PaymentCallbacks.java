package io.ticketing.platform.application;

import static io.ticketing.platform.interfaces.web.JsonFields.JSON;

import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.infrastructure.order.OrderStore;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProviderFactory;
import io.ticketing.platform.infrastructure.persistence.TenantJdbc;
import io.ticketing.platform.infrastructure.tenancy.PlatformDataException;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
    TenantJdbc jdbc;

    @Inject
    PaymentProviders providers;

    @Inject
    HoldService holds;

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
        CallbackEvent event;
        PaymentProvider provider;
        try {
            provider = jdbc.inTransaction(c -> providers.of(c, providerId))
                    .orElseThrow(() -> new CatalogNotFoundException("This shop takes no payments through '" + providerId + "'"));
            event = provider.verifyCallback(headers, body);
        } catch (InvalidCallbackException e) {
            record(providerId, null, false, payloadHash, "refused: " + e.getMessage());
            return new Outcome(false, false, "Callback refused: " + e.getMessage());
        } catch (SQLException e) {
            throw new PlatformDataException("The callback could not be checked", e);
        }
        List<UUID> toRelease;
        Outcome outcome;
        try {
            Object[] result = jdbc.inTransaction(c -> act(c, providerId, event, payloadHash));
            outcome = (Outcome) result[0];
            @SuppressWarnings("unchecked")
            List<UUID> release = (List<UUID>) result[1];
            toRelease = release;
        } catch (SQLException e) {
            // Nothing was recorded: the provider retries, and the retry is not a replay.
            throw new PlatformDataException("The callback could not be stored", e);
        }
        for (UUID holdId : toRelease) {
            try {
                holds.releaseFor(holdId);
            } catch (RuntimeException e) {
                LOG.warning("Hold " + holdId + " of a cancelled order is left to expire: " + e);
            }
        }
        return outcome.acknowledgedWith(provider.callbackAcknowledgement());
    }

    private Object[] act(Connection c, String providerId, CallbackEvent event, String payloadHash) throws SQLException {
        if (!OrderStore.recordCallback(c, providerId, event.eventId(), event.paymentRef(), true, false, payloadHash, "received")) {
            OrderStore.recordCallback(c, providerId, event.eventId(), event.paymentRef(), true, true, payloadHash, "replay: already handled");
            return new Object[] {new Outcome(true, true, "Already handled"), List.of()};
        }
        var found = OrderStore.lockByPayment(c, providerId, event.paymentRef());
        if (found.isEmpty()) {
            OrderStore.setCallbackOutcome(c, providerId, event.eventId(), "no order for this payment");
            return new Object[] {new Outcome(true, false, "No order for this payment"), List.of()};
        }
        OrderStore.LockedOrder order = found.get();
        String result;
        List<UUID> release = List.of();
        switch (event.kind()) {
            case PAID -> result = paid(c, order, event);
            case DECLINED, CANCELLED -> {
                if (order.status() == OrderStatus.PENDING && OrderStore.move(c, order.id(), OrderStatus.PENDING, OrderStatus.CANCELLED)) {
                    if (order.couponId() != null) {
                        OrderStore.returnCouponUse(c, order.couponId());
                    }
                    release = OrderStore.holdIds(c, order.id());
                    result = "cancelled (" + event.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
                } else {
                    result = "ignored: order is " + order.status();
                }
            }
            default -> result = "noted";
        }
        OrderStore.setCallbackOutcome(c, providerId, event.eventId(), result);
        return new Object[] {new Outcome(true, false, result), release};
    }

    private String paid(Connection c, OrderStore.LockedOrder order, CallbackEvent event) throws SQLException {
        if (!event.amount().equals(order.total())) {
            OrderStore.flag(c, order.id(), "paid " + event.amount().amount() + " " + event.amount().currency()
                    + " for a total of " + order.total().amount() + " " + order.total().currency());
            return "flagged: amount differs from the order's total";
        }
        switch (order.status()) {
            case PENDING -> {
                if (OrderStore.convertHolds(c, order.id()) != OrderStore.holdCount(c, order.id())) {
                    // A hold ran out while the order was still open: the seats may be gone.
                    OrderStore.move(c, order.id(), OrderStatus.PENDING, OrderStatus.PAID);
                    OrderStore.flag(c, order.id(), "paid, but its holds had expired: check stock and refund or reissue");
                    return "paid; flagged: holds had expired";
                }
                OrderStore.move(c, order.id(), OrderStatus.PENDING, OrderStatus.PAID);
                int tickets = OrderStore.issueTickets(c, order.id());
                OrderStore.outbox(c, "order.paid", JSON.createObjectBuilder().add("orderId", order.id().toString())
                        .add("email", order.buyerEmail()).add("tickets", tickets).build().toString());
                return "paid: " + tickets + " ticket(s) issued";
            }
            case EXPIRED, CANCELLED -> {
                // Late money is never lost: the order is paid and flagged for the organizer to honour or refund.
                OrderStore.move(c, order.id(), order.status(), OrderStatus.PAID);
                OrderStore.flag(c, order.id(), "paid after it was " + order.status().name().toLowerCase(java.util.Locale.ROOT)
                        + ": honour if stock is left, otherwise refund");
                OrderStore.outbox(c, "order.late-payment", JSON.createObjectBuilder().add("orderId", order.id().toString())
                        .build().toString());
                return "late payment: flagged for review";
            }
            default -> {
                OrderStore.flag(c, order.id(), "a second payment arrived for a paid order (event " + event.eventId() + ")");
                return "flagged: order already paid";
            }
        }
    }

    /** The shop's sandbox signing secret, for the sandbox's own payment page; empty when the sandbox is off. */
    public java.util.Optional<String> sandboxSecret() {
        try {
            return jdbc.inTransaction(c -> providers.exists(SandboxPaymentProvider.ID)
                    ? java.util.Optional.ofNullable(providers.credentials(c, SandboxPaymentProvider.ID)
                            .get(SandboxPaymentProviderFactory.WEBHOOK_SECRET))
                    : java.util.Optional.<String>empty());
        } catch (SQLException e) {
            throw new PlatformDataException("The sandbox could not be reached", e);
        }
    }

    private void record(String providerId, String eventId, boolean ok, String hash, String outcome) {
        try {
            jdbc.inTransaction(c -> OrderStore.recordCallback(c, providerId, eventId, null, ok, false, hash, outcome));
        } catch (SQLException e) {
            LOG.warning("A refused callback could not be recorded: " + e);
        }
    }
}
