package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.OrderDesk;
import io.ticketing.platform.application.PaymentCallbacks;
import io.ticketing.platform.application.PaymentServiceDownException;
import io.ticketing.platform.application.RefundNotAllowedException;
import io.ticketing.platform.application.RefundService;
import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.domain.order.IllegalOrderTransitionException;
import io.ticketing.platform.domain.order.OrderRecords;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.RefundRepository;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One order for the shop's staff ({@code /manage/orders/detail.xhtml?order=<uuid>}): its lines and money, coupon,
 * payment and the callbacks received, tickets with their check-in state, refunds and audit trail; and what staff do
 * to it: refund (all, or chosen tickets of each line, seats back on sale or not, with a reason), cancel an unpaid
 * order, ask the provider about its payment, mark a flagged order reviewed. All through {@link OrderDesk}, as the
 * organizer API. Read-only roles (finance) see no actions, and an action they post anyway is refused here. Each
 * render of the refund form carries a new idempotency key, so the same form sent twice refunds once.
 */
@Named("orderDetailPage")
@RequestScoped
public class OrderDetailPage {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    OrderDesk desk;
    @Inject
    SalesReports reports;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private OrderDesk.Detail detail;
    private boolean missing;
    private ZoneId zone;
    private String refundKey;
    private Boolean staffMayRefund;
    /** Which field an action's error belongs to (lines, restock, reason), or null. */
    private String errorField;
    private String errorText;
    /** A refund was made: the form comes back empty. */
    private boolean refundMade;

    // --- loading

    /** On GET: the order of the address, or a 404 (another shop's order, a made-up id). */
    public void load() {
        if (getDetail() == null) {
            notFound();
        }
    }

    private void notFound() {
        FacesContext context = FacesContext.getCurrentInstance();
        try {
            context.getExternalContext().responseSendError(404, fmt.text("orders.notFound"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    private UUID orderId() {
        String id = request.getParameter("order");
        try {
            return id == null ? null : UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public OrderDesk.Detail getDetail() {
        if (detail == null && !missing) {
            UUID id = orderId();
            try {
                detail = id == null ? null : desk.detail(id);
            } catch (CatalogNotFoundException e) {
                detail = null;
            }
            missing = detail == null;
        }
        return detail;
    }

    public OrderView getOrder() {
        return getDetail() == null ? null : getDetail().order();
    }

    private void reload() {
        detail = null;
        missing = false;
    }

    // --- what is shown

    public String getNumber() {
        return OrdersPage.number(getOrder());
    }

    public ZoneId getZone() {
        if (zone == null) {
            zone = reports.shopZone();
        }
        return zone;
    }

    public ZonedDateTime local(Instant at) {
        return at == null ? null : at.atZone(getZone());
    }

    public ZonedDateTime localOffset(java.time.OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(getZone());
    }

    public String statusLabel(OrderStatus status) {
        return fmt.text("orders.status." + status.name());
    }

    public Money money(long minor) {
        return new Money(minor, getOrder().total().currency());
    }

    /** Of each line, how many tickets can still be refunded. */
    public int left(RefundRepository.LineState line) {
        return line.quantity() - line.refundedQuantity();
    }

    /** How many tickets of a line have been refunded (or are being). */
    public int refundedOf(long ticketTypeId) {
        return getDetail().lines().stream().filter(l -> l.ticketTypeId() == ticketTypeId)
                .mapToInt(RefundRepository.LineState::refundedQuantity).sum();
    }

    public String lineName(long ticketTypeId) {
        return getDetail().lines().stream().filter(l -> l.ticketTypeId() == ticketTypeId).map(RefundRepository.LineState::name)
                .findFirst().orElse("#" + ticketTypeId);
    }

    public String refundedLines(OrderRecords.Refund refund) {
        List<String> parts = new ArrayList<>();
        refund.lines().forEach(l -> parts.add(l.quantity() + " × " + lineName(l.ticketTypeId())));
        return String.join(", ", parts);
    }

    public String refundStatus(OrderRecords.Refund refund) {
        return fmt.text("orders.refund.status." + refund.status());
    }

    /** A ticket's code as staff see it here: its end only (the whole code is the buyer's to show at the door). */
    public String maskedCode(OrderRecords.Ticket ticket) {
        String code = ticket.code();
        return "…" + code.substring(Math.max(0, code.length() - 6));
    }

    public String ticketState(OrderRecords.Ticket ticket) {
        if (!ticket.valid()) {
            return fmt.text("orders.ticket.void");
        }
        return ticket.checkedInAt() == null ? fmt.text("orders.ticket.valid") : fmt.text("orders.ticket.checkedIn");
    }

    public String auditChange(StaffAuditLog.Entry entry) {
        List<String> parts = new ArrayList<>();
        entry.after().forEach((field, value) -> {
            Object before = entry.before().get(field);
            parts.add(field + ": " + (before == null ? "" : before + " → ") + value);
        });
        return String.join("; ", parts);
    }

    // --- what may be done

    private SignedInUser user() {
        return SignInFilter.current(request).orElseThrow();
    }

    public boolean isMayChange() {
        return SignInFilter.current(request).map(u -> u.mayChange("orders")).orElse(false);
    }

    private boolean isAdmin() {
        return SignInFilter.current(request).map(u -> u.hasAnyRole(Set.of("organizer-admin"))).orElse(false);
    }

    /** Whether this person may refund in this shop (admins always; staff when the shop lets them). */
    public boolean isMayRefund() {
        if (!isMayChange()) {
            return false;
        }
        if (staffMayRefund == null) {
            staffMayRefund = desk.staffMayRefund();
        }
        return isAdmin() || staffMayRefund;
    }

    public boolean isRefundable() {
        return getOrder().status() == OrderStatus.PAID || getOrder().status() == OrderStatus.PARTIALLY_REFUNDED;
    }

    public boolean isCancellable() {
        return getOrder().status() == OrderStatus.PENDING;
    }

    public boolean isCheckable() {
        return getOrder().paymentRef() != null;
    }

    public boolean isFlagged() {
        return getOrder().needsReview() != null;
    }

    /** A new idempotency key for each render of the refund form. */
    public String getRefundKey() {
        if (refundKey == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            refundKey = "page-" + HexFormat.of().formatHex(bytes);
        }
        return refundKey;
    }

    public String getErrorField() {
        return errorField;
    }

    public String getErrorText() {
        return errorText;
    }

    public String quantityAsked(long ticketTypeId) {
        String value = refundMade ? null : request.getParameter("qty-" + ticketTypeId);
        return value == null ? "0" : value;
    }

    public String getRestockAsked() {
        String value = refundMade ? null : request.getParameter("restock");
        return value == null ? "" : value;
    }

    public String getReasonAsked() {
        String value = refundMade ? null : request.getParameter("reason");
        return value == null ? "" : value;
    }

    // --- actions

    /** Refunds the tickets chosen in the form (or, with {@code all}, everything not yet refunded). */
    public String refund(boolean all) {
        if (!allowed()) {
            return null;
        }
        String restock = request.getParameter("restock");
        if (!"yes".equals(restock) && !"no".equals(restock)) {
            return fieldError("restock", fmt.text("orders.refund.chooseRestock"));
        }
        String reason = getReasonAsked().strip();
        if (reason.length() > ManageOrdersResource.MAX_REASON) {
            return fieldError("reason", fmt.text("orders.refund.reasonTooLong", ManageOrdersResource.MAX_REASON));
        }
        List<RefundService.RefundLine> lines = new ArrayList<>();
        if (!all) {
            for (RefundRepository.LineState line : getDetail().lines()) {
                String typed = quantityAsked(line.ticketTypeId()).strip();
                int quantity;
                try {
                    quantity = typed.isEmpty() ? 0 : Integer.parseInt(typed);
                } catch (NumberFormatException e) {
                    return fieldError("lines", fmt.text("orders.refund.notANumber", line.name()));
                }
                if (quantity < 0 || quantity > left(line)) {
                    return fieldError("lines", fmt.text("orders.refund.tooMany", line.name(), left(line)));
                }
                if (quantity > 0) {
                    lines.add(new RefundService.RefundLine(line.ticketTypeId(), quantity));
                }
            }
            if (lines.isEmpty()) {
                return fieldError("lines", fmt.text("orders.refund.chooseTickets"));
            }
        }
        String key = request.getParameter("refundKey");
        try {
            RefundService.Refunded refunded = desk.refund(new RefundService.StaffMember(user().actor(), isAdmin()), getOrder().id(),
                    new RefundService.RefundRequest(lines, "yes".equals(restock), key, user().subject(), reason.isEmpty() ? null : reason));
            message(FacesMessage.SEVERITY_INFO, fmt.text(refunded.created() ? "orders.refund.done" : "orders.refund.already",
                    fmt.money(refunded.amount())));
            refundMade = true;
        } catch (RefundNotAllowedException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.refund.notAllowed"));
        } catch (InvalidFieldException e) {
            return fieldError("lines", fmt.text("orders.refund.nothingToRefund"));
        } catch (IllegalOrderTransitionException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.refund.notPaid"));
        } catch (io.ticketing.platform.application.RefundInProgressException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.refund.inProgress"));
        } catch (CatalogConflictException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.refund.nothingLeft"));
        } catch (PaymentServiceDownException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.refund.providerDown"));
        }
        reload();
        return null;
    }

    public String cancel() {
        if (!allowed()) {
            return null;
        }
        try {
            desk.cancel(user().actor(), getOrder().id());
            message(FacesMessage.SEVERITY_INFO, fmt.text("orders.cancel.done"));
        } catch (IllegalOrderTransitionException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.cancel.notPending"));
        }
        reload();
        return null;
    }

    public String checkPayment() {
        if (!allowed()) {
            return null;
        }
        try {
            PaymentCallbacks.StatusCheck check = desk.checkPayment(user().actor(), getOrder().id());
            reload();
            message(FacesMessage.SEVERITY_INFO, fmt.text("orders.check.done",
                    fmt.text("orders.check.state." + check.providerSays().name()), statusLabel(getOrder().status())));
        } catch (PaymentServiceDownException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.check.providerDown"));
        } catch (CatalogConflictException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("orders.check.noProvider"));
        }
        reload();
        return null;
    }

    public String markReviewed() {
        if (!allowed()) {
            return null;
        }
        desk.markReviewed(user().actor(), getOrder().id());
        message(FacesMessage.SEVERITY_INFO, fmt.text("orders.review.done"));
        reload();
        return null;
    }

    /**
     * Read-only roles see no actions; one they post anyway is refused here with a 403, before any service is asked.
     * An order that is not the shop's is a 404. False when the response is written.
     */
    private boolean allowed() {
        if (!isMayChange()) {
            FacesContext context = FacesContext.getCurrentInstance();
            try {
                context.getExternalContext().responseSendError(403, fmt.text("orders.readOnly"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.responseComplete();
            return false;
        }
        if (getDetail() == null) {
            notFound();
            return false;
        }
        return true;
    }

    private String fieldError(String field, String text) {
        errorField = field;
        errorText = text;
        message(FacesMessage.SEVERITY_ERROR, text);
        return null;
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
