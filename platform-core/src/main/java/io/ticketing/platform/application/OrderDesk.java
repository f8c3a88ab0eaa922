package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.OrderRecords;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organizer's orders desk, for the back office's pages and its organizer API alike: search (paged), the stuck
 * and flagged orders, one order with everything that happened to it, and what staff do to orders, each recorded in
 * the staff audit log ({@code order.cancel}, {@code order.review}, {@code order.check-payment},
 * {@code order.refund}). The rules stay in {@link OrderService}, {@link RefundService} and {@link PaymentCallbacks}.
 */
@ApplicationScoped
public class OrderDesk {

    /** How many stuck or flagged orders are listed at most. */
    public static final int STUCK_SHOWN = 200;

    @Inject
    TenantTransactions transactions;

    @Inject
    OrderService orders;

    @Inject
    RefundService refunds;

    @Inject
    PaymentCallbacks callbacks;

    @Inject
    OrderRecords records;

    @Inject
    ShopSettings settings;

    @Inject
    io.ticketing.platform.domain.order.RefundRepository refundRows;

    /** A page of search results, and whether more follow. */
    public record Found(List<OrderView> orders, boolean more) {
    }

    /**
     * One order for staff: its coupon code (or null), its lines with what was refunded of each, tickets, refunds,
     * payment callbacks and audit trail (newest first).
     */
    public record Detail(OrderView order, String couponCode, List<io.ticketing.platform.domain.order.RefundRepository.LineState> lines,
                         List<OrderRecords.Ticket> tickets, List<OrderRecords.Refund> refunds,
                         List<OrderRecords.Callback> callbacks, List<StaffAuditLog.Entry> audit) {
    }

    /** Orders matching {@code search} from its offset, at most its limit, and whether there are more. */
    public Found search(OrderSearches.Search search) {
        OrderSearches.Search onePast = new OrderSearches.Search(search.status(), search.eventId(), search.email(), search.from(),
                search.to(), search.buyer(), search.stuckOnly(), search.limit() + 1, search.orderNumber(), search.offset());
        List<OrderView> found = orders.search(onePast);
        return found.size() > search.limit() ? new Found(found.subList(0, search.limit()), true) : new Found(found, false);
    }

    /** Orders needing staff: PENDING past their time, or flagged for review (money and stock disagree). */
    public List<OrderView> stuck() {
        return orders.search(new OrderSearches.Search(null, null, null, null, null, null, true, STUCK_SHOWN));
    }

    public Detail detail(UUID orderId) {
        OrderView order = orders.find(orderId);
        return transactions.inTransaction(() -> new Detail(order, records.couponCode(orderId).orElse(null),
                refundRows.lines(orderId), records.tickets(orderId), records.refunds(orderId), records.callbacks(order.provider(), order.paymentRef()),
                settings.auditLogInTransaction(new StaffAuditLog.Query(null, null, "order:" + orderId, null, null, null, 100))));
    }

    public OrderView cancel(StaffAuditLog.Actor actor, UUID orderId) {
        return orders.cancelByStaff(actor, orderId);
    }

    public OrderView markReviewed(StaffAuditLog.Actor actor, UUID orderId) {
        return orders.markReviewed(actor, orderId);
    }

    /**
     * Asks the provider where the order's payment stands and acts on it (as {@link PaymentCallbacks#checkPayment}),
     * then records the question and its answer.
     */
    public PaymentCallbacks.StatusCheck checkPayment(StaffAuditLog.Actor actor, UUID orderId) {
        OrderView before = orders.find(orderId);
        PaymentCallbacks.StatusCheck check = callbacks.checkPayment(orderId);
        OrderView after = orders.find(orderId);
        settings.audited(actor, "order.check-payment", "provider says " + check.providerSays().name() + ": " + check.outcome(),
                new StaffAuditLog.Change("order:" + orderId, Map.of("status", before.status().name()),
                        Map.of("status", after.status().name())));
        return check;
    }

    /** A refund by staff, under the shop's rule on who may refund; see {@link RefundService#refundByStaff}. */
    public RefundService.Refunded refund(RefundService.StaffMember by, UUID orderId, RefundService.RefundRequest request) {
        return refunds.refundByStaff(orderId, request, by);
    }

    public boolean staffMayRefund() {
        return settings.staffMayRefund();
    }

    public boolean changeStaffMayRefund(StaffAuditLog.Actor actor, boolean allowed) {
        return settings.changeStaffMayRefund(actor, allowed);
    }
}
