package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.Notifications;
import io.ticketing.platform.application.OrderService;
import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.application.TicketsLeft;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

/**
 * The back office's overview ({@code /manage/index.xhtml}; organizer admins and staff, finance reading): today's and
 * this week's sales (the finance page's figures, {@link SalesReports}, days in the shop's time zone), net sales per
 * day for the last 30 days, what is left of each event on sale ({@link TicketsLeft}), orders needing attention (the
 * stuck list of {@code GET /api/manage/orders/stuck}) and parked messages ({@link Notifications}). Each block is
 * read only when the reader's roles open the area it comes from.
 */
@Named("dashboardPage")
@RequestScoped
public class DashboardPage {

    static final int CHART_DAYS = 30;
    static final int ATTENTION = 20;

    @Inject
    SalesReports reports;
    @Inject
    TicketsLeft ticketsLeft;
    @Inject
    OrderService orders;
    @Inject
    Notifications notifications;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private ZoneId zone;
    private SalesReport today;
    private SalesReport week;
    private SalesReport month;
    private List<TicketsLeft.EventStock> stock;
    private List<OrderView> attention;
    private NotificationRepository.Backlog backlog;

    private SignedInUser user() {
        return SignInFilter.current(request).orElseThrow();
    }

    public ZoneId getZone() {
        if (zone == null) {
            zone = reports.shopZone();
        }
        return zone;
    }

    public LocalDate getToday() {
        return LocalDate.now(getZone());
    }

    /** Monday of this week (ISO weeks), in the shop's zone. */
    public LocalDate getWeekStart() {
        return getToday().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate getChartStart() {
        return getToday().minusDays(CHART_DAYS - 1);
    }

    private SalesReport report(LocalDate from) {
        return reports.summary(new SalesFilter(from, getToday(), getZone(), List.of(), List.of(), null));
    }

    public List<SalesFigures> getTodayTotals() {
        if (today == null) {
            today = report(getToday());
        }
        return today.summary().totals();
    }

    public List<SalesFigures> getWeekTotals() {
        if (week == null) {
            week = report(getWeekStart());
        }
        return week.summary().totals();
    }

    public List<SalesCharts.Chart> getCharts() {
        if (month == null) {
            month = report(getChartStart());
        }
        return SalesCharts.of(month, getChartStart(), getToday());
    }

    public Money money(SalesFigures figures, long minor) {
        return Money.ofMinor(minor, figures.currency());
    }

    /** A day of the chart in the reader's words. */
    public String day(Object isoDate) {
        return fmt.date(LocalDate.parse(String.valueOf(isoDate)).atStartOfDay(ZoneId.of("UTC")));
    }

    /** The finance page with the chart's 30 days, for the reader who wants every figure. */
    public String getFinanceLink() {
        return SignInFilter.shopUrl(request, "/manage/finance/index.xhtml") + "?from=" + getChartStart() + "&to=" + getToday()
                + "&zone=" + getZone().getId();
    }

    public boolean isFinanceOpen() {
        return user().opens("finance");
    }

    public List<TicketsLeft.EventStock> getStock() {
        if (stock == null) {
            stock = ticketsLeft.onSale();
        }
        return stock;
    }

    /** Stuck or flagged orders, for readers of orders (admins, staff, finance). */
    public List<OrderView> getAttention() {
        if (attention == null) {
            attention = user().opens("orders")
                    ? orders.search(new OrderSearches.Search(null, null, null, null, null, null, true, ATTENTION))
                    : List.of();
        }
        return attention;
    }

    public boolean isOrdersOpen() {
        return user().opens("orders");
    }

    public String orderNumber(OrderView order) {
        return order.id().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    public String orderLink(OrderView order) {
        return SignInFilter.shopUrl(request, "/manage/orders/detail.xhtml") + "?order=" + order.id();
    }

    /** Why the order needs a look: the flag's words when flagged, else that it is past its payment time. */
    public String attentionReason(OrderView order) {
        return order.needsReview() != null ? order.needsReview() : fmt.text("overview.attention.overdue");
    }

    public String statusLabel(OrderView order) {
        return fmt.text("overview.status." + order.status().name());
    }

    public ZonedDateTime local(Instant at) {
        return at == null ? null : at.atZone(getZone());
    }

    public boolean isMessagesOpen() {
        return user().opens("messages");
    }

    /** The mail backlog (parked and waiting), for those who may open the messages page. */
    public NotificationRepository.Backlog getBacklog() {
        if (backlog == null && isMessagesOpen()) {
            backlog = notifications.backlog();
        }
        return backlog;
    }
}
