package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.order.IllegalOrderTransitionException;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.order.OrderRepository;
import io.ticketing.platform.domain.order.Outbox;
import io.ticketing.platform.domain.order.RefundRepository;
import io.ticketing.platform.domain.order.TicketRepository;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.domain.stock.HeldTicket;
import io.ticketing.platform.infrastructure.stock.StockEngine;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Refunds by the shop's staff, full or by line, through the order's provider, exactly once per
 * Idempotency-Key. Three steps, so money never moves twice and never without a record: reserve the
 * amount against the order (two refunds at once cannot exceed what was paid), ask the provider with
 * the refund's id as its idempotency key, then void the tickets (and put the seats back on sale if
 * the organizer asked). If the provider refuses or cannot be reached, the reservation is released
 * and the same request may be sent again.
 */
@ApplicationScoped
public class RefundService {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{8,200}");
    /**
     * How long a reserved refund counts as waiting on its provider (longer than any adapter's read
     * timeout). Meanwhile other refunds of the order get a 409; after it, the first try is taken to
     * have been left behind by a node that stopped, and the same request finishes it.
     */
    static final int IN_FLIGHT_SECONDS = 300;

    @Inject
    BusinessMetrics metrics;

    @Inject
    TenantTransactions transactions;

    @Inject
    OrderRepository orderRows;

    @Inject
    RefundRepository refunds;

    @Inject
    TicketRepository tickets;

    @Inject
    Outbox outbox;

    @Inject
    PaymentProviders providers;

    @Inject
    StockEngine stock;

    @Inject
    OrderService orders;

    @Inject
    io.ticketing.platform.domain.order.CheckoutSettings settings;

    @Inject
    io.ticketing.platform.domain.tenant.StaffAuditLog audit;

    /** Who in the shop's back office asks for a refund, and whether they are one of its admins (staff follow the shop's rule). */
    public record StaffMember(io.ticketing.platform.domain.tenant.StaffAuditLog.Actor actor, boolean admin) {
    }

    /** Ticket type and how many of its tickets to refund. */
    public record RefundLine(long ticketTypeId, int quantity) {
    }

    /** What a staff member asks: some lines (none: everything not yet refunded), and whether the seats go back on sale. */
    public record RefundRequest(List<RefundLine> lines, boolean restock, String idempotencyKey, String staff, String reason) {
    }

    /** A refund and the order after it. */
    public record Refunded(UUID refundId, Money amount, boolean restock, String providerRef, OrderView order, boolean created) {
    }

    /**
     * A refund asked for in the back office (pages and organizer API alike): the shop's rule on who may refund
     * ({@link io.ticketing.platform.domain.order.CheckoutSettings#staffMayRefund}) is checked first, and the refund is
     * recorded in the staff audit log ({@code order.refund}, with its amount) in the transaction that completes it, so
     * a request sent twice with the same key refunds and is recorded once.
     */
    public Refunded refundByStaff(UUID orderId, RefundRequest request, StaffMember by) {
        if (!by.admin() && !transactions.inTransaction(settings::staffMayRefund)) {
            throw new RefundNotAllowedException("This shop lets only its admins refund orders");
        }
        return refund(orderId, request, by.actor());
    }

    public Refunded refund(UUID orderId, RefundRequest request) {
        return refund(orderId, request, null);
    }

    private Refunded refund(UUID orderId, RefundRequest request, io.ticketing.platform.domain.tenant.StaffAuditLog.Actor actor) {
        if (request.idempotencyKey() == null || !KEY.matcher(request.idempotencyKey()).matches()) {
            throw new InvalidFieldException("Idempotency-Key", "Send an Idempotency-Key header: 8 to 200 visible characters, new for each refund");
        }
        Reservation reservation = transactions.inTransaction(() -> reserve(orderId, request));
        if (reservation.done() != null) {
            return reservation.done();
        }
        String providerRef;
        try {
            PaymentProvider provider = transactions.inTransaction(() -> providers.of(reservation.provider())).orElseThrow(
                    () -> new PlatformDataException("The order's payment provider '" + reservation.provider() + "' is not set up", null));
            providerRef = provider.refund(reservation.paymentRef(), reservation.amount(), reservation.refundId().toString()).refundRef();
        } catch (PaymentUnavailableException | RuntimeException e) {
            release(reservation);
            metrics.refund(false);
            throw new PaymentServiceDownException("The payment service did not refund: nothing was refunded; send the same request again", e);
        }
        // If this fails the money went back all the same; the provider knows this refund by its id, so the same request completes it.
        List<HeldTicket> seats = transactions.inTransaction(() -> complete(orderId, request, reservation, providerRef, actor));
        stock.giveBackAfterCommit(seats);
        metrics.refund(true);
        return new Refunded(reservation.refundId(), reservation.amount(), request.restock(), providerRef, orders.find(orderId), true);
    }

    /** What a reservation holds for the steps after it; {@code done} when the key was used and finished before. */
    private record Reservation(UUID refundId, Money amount, Map<Long, Integer> quantities, String provider, String paymentRef,
                               Refunded done) {
    }

    /** The refund's last step: done at the provider, so the tickets are voided and, if asked, their seats freed. */
    private List<HeldTicket> complete(UUID orderId, RefundRequest request, Reservation reservation, String providerRef,
                                      io.ticketing.platform.domain.tenant.StaffAuditLog.Actor actor) {
        List<HeldTicket> seats = new ArrayList<>();
        if (!refunds.endReserved(reservation.refundId(), "DONE", providerRef)) {
            return seats; // finished by another try of the same refund: its tickets are voided once, there
        }
        for (Map.Entry<Long, Integer> line : reservation.quantities().entrySet()) {
            if (request.restock()) {
                seats.addAll(tickets.voidTickets(orderId, line.getKey(), line.getValue()));
            } else {
                tickets.voidOnly(orderId, line.getKey(), line.getValue());
            }
        }
        stock.giveBackInTransaction(seats);
        outbox.add("order.refunded", JSON.createObjectBuilder().add("orderId", orderId.toString())
                .add("refundId", reservation.refundId().toString())
                .add("amountMinor", reservation.amount().minorUnits()).build().toString());
        if (actor != null) {
            Map<String, Object> after = new LinkedHashMap<>();
            String amount = reservation.amount().amount().toPlainString() + " " + reservation.amount().currency().getCurrencyCode();
            after.put("amount", amount);
            after.put("restock", request.restock());
            after.put("tickets", reservation.quantities().values().stream().mapToInt(Integer::intValue).sum());
            if (request.reason() != null && !request.reason().isBlank()) {
                after.put("reason", request.reason());
            }
            audit.add(actor, "order.refund", "refund " + reservation.refundId() + " of " + amount
                    + (request.restock() ? ", seats back on sale" : ", seats not put back on sale"),
                    new io.ticketing.platform.domain.tenant.StaffAuditLog.Change("order:" + orderId, Map.of(), after));
        }
        return seats;
    }

    private Reservation reserve(UUID orderId, RefundRequest request) {
        OrderRepository.LockedOrder order = orderRows.lockById(orderId)
                .orElseThrow(() -> new CatalogNotFoundException("No order " + orderId + " in this shop"));
        var earlier = refunds.byKey(orderId, request.idempotencyKey());
        if (earlier.isPresent() && earlier.get().status().equals("DONE")) {
            RefundRepository.RefundRow row = earlier.get();
            return new Reservation(row.id(), null, null, null, null, new Refunded(row.id(),
                    new Money(row.amountMinor(), order.total().currency()), row.restock(), row.providerRef(), orders.find(orderId), false));
        }
        if (refunds.inFlight(orderId, IN_FLIGHT_SECONDS).isPresent()) {
            // Checked under the order's lock, so two requests cannot both pass.
            throw new RefundInProgressException("A refund of this order is in progress and waiting on the payment service;"
                    + " look at the order again in a minute before refunding anything more");
        }
        if (earlier.isPresent() && earlier.get().status().equals("RESERVED")) {
            // Left behind by a try that never finished: still counted, so it is asked for again, not counted again.
            RefundRepository.RefundRow row = earlier.get();
            refunds.resume(row.id());
            return new Reservation(row.id(), new Money(row.amountMinor(), order.total().currency()), quantities(row.linesJson()),
                    order.provider(), order.paymentRef(), null);
        }
        if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.PARTIALLY_REFUNDED) {
            throw new IllegalOrderTransitionException(order.status(), OrderStatus.REFUNDED);
        }
        List<RefundRepository.LineState> lines = refunds.lines(orderId);
        Map<Long, Integer> asked = asked(request, lines, earlier.map(RefundRepository.RefundRow::linesJson).orElse(null));
        jakarta.json.JsonArrayBuilder linesJson = JSON.createArrayBuilder();
        long total = count(orderId, asked, lines, linesJson);
        UUID refundId;
        if (earlier.isPresent()) {
            refundId = earlier.get().id();
            refunds.reserveAgain(refundId, total, linesJson.build().toString());
        } else {
            refundId = UUID.randomUUID();
            refunds.insert(refundId, orderId, request.idempotencyKey(), total, request.restock(),
                    linesJson.build().toString(), request.staff(), request.reason());
        }
        refunds.settleStatus(orderId);
        return new Reservation(refundId, new Money(total, order.total().currency()), asked, order.provider(), order.paymentRef(), null);
    }

    /** Ticket type to quantity: a retried refund's own lines, the lines asked for, or all that is left. */
    private static Map<Long, Integer> asked(RefundRequest request, List<RefundRepository.LineState> lines, String retriedLines) {
        Map<Long, Integer> asked = new LinkedHashMap<>();
        if (retriedLines != null) {
            // A retry of a refund the provider did not make: the same lines again.
            asked.putAll(quantities(retriedLines));
        } else if (request.lines() == null || request.lines().isEmpty()) {
            lines.forEach(l -> {
                if (l.quantity() > l.refundedQuantity()) {
                    asked.put(l.ticketTypeId(), l.quantity() - l.refundedQuantity());
                }
            });
        } else {
            request.lines().forEach(l -> asked.merge(l.ticketTypeId(), l.quantity(), Integer::sum));
        }
        if (asked.isEmpty()) {
            throw new CatalogConflictException("Everything in this order has been refunded already");
        }
        return asked;
    }

    /** Ticket type to quantity of a stored refund's lines. */
    private static Map<Long, Integer> quantities(String linesJson) {
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        JsonObject stored = JSON.createReader(new StringReader("{\"lines\":" + linesJson + "}")).readObject();
        stored.getJsonArray("lines").forEach(v -> quantities.merge(v.asJsonObject().getJsonNumber("ticketTypeId").longValue(),
                v.asJsonObject().getInt("quantity"), Integer::sum));
        return quantities;
    }

    /** Counts the asked tickets as refunded against their lines; returns the money, in minor units. */
    private long count(UUID orderId, Map<Long, Integer> asked, List<RefundRepository.LineState> lines,
                       jakarta.json.JsonArrayBuilder linesJson) {
        long total = 0;
        for (Map.Entry<Long, Integer> e : asked.entrySet()) {
            RefundRepository.LineState line = lines.stream().filter(l -> l.ticketTypeId() == e.getKey()).findFirst()
                    .orElseThrow(() -> new InvalidFieldException("lines", "The order has no tickets of type " + e.getKey()));
            int left = line.quantity() - line.refundedQuantity();
            if (e.getValue() < 1 || e.getValue() > left) {
                throw new InvalidFieldException("lines", "Of '" + line.name() + "' " + left + " ticket(s) can still be refunded");
            }
            // The last tickets of a line take what is left of its money, so a line never refunds a cent more or less than it cost.
            long amount = e.getValue() == left ? line.netMinor() - line.refundedMinor()
                    : Math.multiplyExact(line.netMinor(), e.getValue()) / line.quantity();
            refunds.count(orderId, line.ticketTypeId(), e.getValue(), amount);
            total += amount;
            linesJson.add(JSON.createObjectBuilder().add("ticketTypeId", line.ticketTypeId()).add("quantity", e.getValue())
                    .add("amountMinor", amount));
        }
        if (total <= 0) {
            throw new InvalidFieldException("lines", "These tickets cost nothing: there is no money to refund");
        }
        return total;
    }

    /** The provider did not refund: uncount the reservation, so the money counts as paid again. */
    private void release(Reservation reservation) {
        try {
            transactions.run(() -> {
                UUID orderId = orderRows.lockRefundOrder(reservation.refundId());
                if (!refunds.endReserved(reservation.refundId(), "FAILED", null)) {
                    return; // another try of the same refund finished it meanwhile: nothing of ours to uncount
                }
                JsonObject stored = JSON.createReader(new StringReader("{\"lines\":" + refunds.linesOf(reservation.refundId()) + "}")).readObject();
                for (var v : stored.getJsonArray("lines")) {
                    JsonObject line = v.asJsonObject();
                    refunds.count(orderId, line.getJsonNumber("ticketTypeId").longValue(), -line.getInt("quantity"),
                            -line.getJsonNumber("amountMinor").longValue());
                }
                refunds.settleStatus(orderId);
            });
        } catch (PlatformDataException e) {
            throw new PlatformDataException("The refund failed and could not be undone; staff must check order refunds", e);
        }
    }
}
