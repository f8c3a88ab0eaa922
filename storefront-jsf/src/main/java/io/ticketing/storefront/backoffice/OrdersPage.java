package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.OrderDesk;
import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.report.SalesLedger;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The orders page ({@code /manage/orders/index.xhtml}): the stuck and flagged orders first, then a search in a GET
 * form (status, event, days in the shop's time zone, buyer e-mail, order number), paged; and, for admins, whether
 * the shop's staff may refund. All through {@link OrderDesk}, as the organizer API.
 */
@Named("ordersPage")
@RequestScoped
public class OrdersPage {

    /** Orders per page. */
    static final int PAGE_SIZE = 25;

    @Inject
    OrderDesk desk;
    @Inject
    SalesReports reports;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private List<OrderView> stuck;
    private OrderDesk.Found found;
    private String invalidField;
    private SalesReports.FilterChoices choices;
    private Boolean staffMayRefund;

    // --- the stuck and flagged orders

    public List<OrderView> getStuck() {
        if (stuck == null) {
            stuck = desk.stuck();
        }
        return stuck;
    }

    public long getFlaggedCount() {
        return getStuck().stream().filter(o -> o.needsReview() != null).count();
    }

    /** PENDING past their time and not flagged: the sweep has not ended them yet. */
    public long getOverdueCount() {
        return getStuck().size() - getFlaggedCount();
    }

    // --- the search

    public SalesReports.FilterChoices getChoices() {
        if (choices == null) {
            choices = reports.choices();
        }
        return choices;
    }

    public ZoneId getZone() {
        return getChoices().shopZone();
    }

    public List<SalesLedger.Choice> getEvents() {
        return getChoices().events();
    }

    public List<OrderStatus> getStatuses() {
        return Arrays.asList(OrderStatus.values());
    }

    public String statusLabel(OrderStatus status) {
        return fmt.text("orders.status." + status.name());
    }

    public String param(String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value.strip();
    }

    /** Whether the address asks for a search (any filter, or the search button). */
    public boolean isSearched() {
        return SEARCH_PARAMS.stream().anyMatch(p -> !param(p).isEmpty()) || request.getParameter("search") != null;
    }

    private static final List<String> SEARCH_PARAMS = List.of("status", "event", "from", "to", "email", "number", "page");

    public int getPage() {
        try {
            return Math.max(1, Integer.parseInt(param("page")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The orders found (newest first), or none when the address holds a wrong filter ({@link #getInvalidField()}). */
    public OrderDesk.Found getFound() {
        if (found == null) {
            found = new OrderDesk.Found(List.of(), false);
            try {
                found = desk.search(search());
            } catch (InvalidFieldException e) {
                invalidField = e.field();
            }
        }
        return found;
    }

    public String getInvalidField() {
        getFound();
        return invalidField;
    }

    private OrderSearches.Search search() {
        OrderStatus status = null;
        if (!param("status").isEmpty()) {
            try {
                status = OrderStatus.valueOf(param("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("status", "unknown status");
            }
        }
        Long event = null;
        if (!param("event").isEmpty()) {
            try {
                event = Long.valueOf(param("event"));
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("event", "not an event id");
            }
        }
        Instant from = day("from", 0);
        Instant to = day("to", 1);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidFieldException("to", "the last day is before the first");
        }
        String email = param("email").isEmpty() ? null : param("email");
        if (email != null && !email.contains("@")) {
            throw new InvalidFieldException("email", "not an e-mail address");
        }
        return new OrderSearches.Search(status, event, email, from, to, null, false, PAGE_SIZE,
                ManageOrdersResource.orderNumber(param("number")), (getPage() - 1) * PAGE_SIZE);
    }

    /** The start of a day of the shop's time zone ({@code plusDays} 1: the start of the day after, for "to"). */
    private Instant day(String field, int plusDays) {
        if (param(field).isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(param(field)).plusDays(plusDays).atStartOfDay(getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "not a day");
        }
    }

    /** The address of another page of the same search. */
    public String pageLink(int page) {
        StringBuilder query = new StringBuilder();
        for (String p : SEARCH_PARAMS) {
            String value = p.equals("page") ? Integer.toString(page) : param(p);
            if (!value.isEmpty()) {
                query.append(query.isEmpty() ? "" : "&").append(p).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return "?" + query;
    }

    // --- what every row shows

    /** The number buyers see: the first 8 characters of the order's id. */
    public static String number(OrderView order) {
        return order.id().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    public String orderNumber(OrderView order) {
        return number(order);
    }

    public ZonedDateTime local(Instant at) {
        return at == null ? null : at.atZone(getZone());
    }

    /** Why an order is on the stuck list, in words. */
    public String stuckReason(OrderView order) {
        return order.needsReview() != null ? fmt.text("orders.stuck.flagged", order.needsReview()) : fmt.text("orders.stuck.overdue");
    }

    // --- the shop's rule on staff refunds (admins)

    private SignedInUser user() {
        return SignInFilter.current(request).orElseThrow();
    }

    public boolean isAdmin() {
        return SignInFilter.current(request).map(u -> u.hasAnyRole(Set.of("organizer-admin"))).orElse(false);
    }

    public boolean isStaffMayRefund() {
        if (staffMayRefund == null) {
            staffMayRefund = desk.staffMayRefund();
        }
        return staffMayRefund;
    }

    public void setStaffMayRefund(boolean allowed) {
        this.staffMayRefund = allowed;
    }

    public String saveRefundRule() {
        if (!isAdmin()) {
            throw new SecurityException("Only the shop's admins say who may refund");
        }
        staffMayRefund = desk.changeStaffMayRefund(user().actor(), isStaffMayRefund());
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                fmt.text(staffMayRefund ? "orders.rule.savedStaff" : "orders.rule.savedAdmins"), null));
        return null;
    }
}
