package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportJob;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesLedger;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The finance page ({@code /manage/finance/index.xhtml}): a sales report's filter in the address (a plain GET form,
 * so a report can be bookmarked and shared with a colleague of the same shop), its figures and chart in the page,
 * the downloads, and the reader's own background reports with their progress. All through {@link SalesReports}.
 */
@Named("financePage")
@RequestScoped
public class FinancePage {

    @Inject
    SalesReports reports;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private SalesReports.FilterChoices choices;
    private FinanceFilters.Parsed parsed;
    private SalesReport report;
    private List<ReportJob> jobs;

    public SalesReports.FilterChoices getChoices() {
        if (choices == null) {
            choices = reports.choices();
        }
        return choices;
    }

    private FinanceFilters.Parsed parsed() {
        if (parsed == null) {
            ZoneId zone = getChoices().shopZone();
            parsed = FinanceFilters.parse(request, zone, LocalDate.now(zone));
        }
        return parsed;
    }

    /** The filter shown, or null when the address holds a wrong one ({@link #getInvalidField()} says which). */
    public SalesFilter getFilter() {
        return parsed().filter();
    }

    public String getInvalidField() {
        return parsed().invalidField();
    }

    public SalesReport getReport() {
        if (report == null && getFilter() != null) {
            report = reports.summary(getFilter());
        }
        return report;
    }

    public String getZone() {
        String asked = request.getParameter("zone");
        return getFilter() != null ? getFilter().zone().getId() : asked == null ? getChoices().shopZone().getId() : asked;
    }

    /** The zones offered: the shop's, the one chosen, and UTC. */
    public List<String> getZones() {
        List<String> zones = new ArrayList<>(List.of(getChoices().shopZone().getId()));
        for (String z : List.of(getZone(), "UTC")) {
            if (!zones.contains(z)) {
                zones.add(z);
            }
        }
        return zones;
    }

    public String getFrom() {
        return getFilter() != null ? getFilter().from().toString() : String.valueOf(request.getParameter("from"));
    }

    public String getTo() {
        return getFilter() != null ? getFilter().to().toString() : String.valueOf(request.getParameter("to"));
    }

    public boolean eventChosen(long id) {
        return getFilter() != null && getFilter().eventIds().contains(id);
    }

    public boolean typeChosen(long id) {
        return getFilter() != null && getFilter().ticketTypeIds().contains(id);
    }

    public boolean methodChosen(String method) {
        return getFilter() != null && method.equals(getFilter().paymentMethod());
    }

    /** Ticket types grouped by their event, for the form's option groups. */
    public List<Map.Entry<String, List<SalesLedger.Choice>>> getTypeGroups() {
        Map<String, List<SalesLedger.Choice>> groups = new LinkedHashMap<>();
        for (SalesLedger.Choice c : getChoices().ticketTypes()) {
            groups.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c);
        }
        return new ArrayList<>(groups.entrySet());
    }

    public String methodLabel(String method) {
        String key = "finance.method." + method;
        return fmt.bundle().containsKey(key) ? fmt.text(key) : method;
    }

    public Money money(SalesFigures figures, long minor) {
        return Money.ofMinor(minor, figures.currency());
    }

    public Money couponMoney(io.ticketing.platform.domain.report.CouponDiscount coupon) {
        return Money.ofMinor(coupon.discountMinor(), coupon.currency());
    }

    /** Above how many orders a download is made in the background. */
    public long getBackgroundAbove() {
        return reports.backgroundAbove();
    }

    public String day(String isoDate) {
        return fmt.date(LocalDate.parse(isoDate).atStartOfDay(ZoneId.of("UTC")));
    }

    public ZonedDateTime local(java.time.Instant at) {
        return at.atZone(getFilter().zone());
    }

    public boolean isFromReplica() {
        return getReport() != null && getReport().source() == ReadSource.REPLICA;
    }

    public boolean isReplicaDown() {
        return getReport() != null && getReport().source() == ReadSource.PRIMARY_REPLICA_DOWN;
    }

    /** The filter as a query string, for links to this very report. */
    public String getQuery() {
        return getFilter() == null ? "" : FinanceFilters.query(getFilter());
    }

    // --- the chart: net sales per day, one chart per currency

    public List<SalesCharts.Chart> getCharts() {
        return getReport() == null ? List.of() : SalesCharts.of(getReport(), getFilter().from(), getFilter().to());
    }

    // --- background reports

    private SignedInUser user() {
        return SignInFilter.current(request).orElseThrow();
    }

    public List<ReportJob> getJobs() {
        if (jobs == null) {
            jobs = reports.recentJobs(user().subject());
        }
        return jobs;
    }

    /** The job the reader was just sent back for ({@code ?job=}), if it is theirs. */
    public ReportJob getJob() {
        String id = request.getParameter("job");
        if (id == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return getJobs().stream().filter(j -> j.id().equals(uuid)).findFirst().orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String jobStatus(ReportJob job) {
        return fmt.text("finance.job.status." + job.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    public String jobUrl(ReportJob job) {
        return SignInFilter.shopUrl(request, "/manage/finance/jobs/" + job.id());
    }

    public ZonedDateTime created(ReportJob job) {
        return job.createdAt().atZone(getChoices().shopZone());
    }
}
