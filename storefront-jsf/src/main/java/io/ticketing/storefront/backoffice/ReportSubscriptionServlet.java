package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.ScheduledReports;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportFrequency;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import io.ticketing.storefront.shop.ShopPageServlet;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The finance page's "E-mail me this report": {@code POST /manage/finance/subscriptions} with the page's filter,
 * {@code frequency=daily|weekly} and {@code format=pdf|xlsx} subscribes the signed-in reader (to their account's
 * address), and {@code POST /manage/finance/subscriptions/{id}/cancel} cancels one of theirs; anyone else's id is a
 * 404. Both answer 303 back to the page, which says what happened. SignInFilter admits finance and organizer
 * admins only, and the session cookie is SameSite=Lax, so no other site posts here in the reader's name.
 */
@WebServlet(urlPatterns = {"/manage/finance/subscriptions", "/manage/finance/subscriptions/*"})
public class ReportSubscriptionServlet extends HttpServlet {

    private static final Pattern CANCEL = Pattern.compile("/([0-9a-fA-F-]{36})/cancel");

    @Inject
    ScheduledReports scheduled;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedInUser user = SignInFilter.current(request).orElseThrow();
        try {
            if (request.getPathInfo() == null || "/".equals(request.getPathInfo())) {
                subscribe(request, response, user);
            } else {
                cancel(request, response, user);
            }
        } catch (PlatformDataException e) {
            Formats text = new Formats(ShopPageServlet.readersLanguage(request));
            ProblemPages.send(request, response, 503, "reports_unavailable", text.text("finance.unavailable.title"),
                    text.text("finance.unavailable.message"));
        }
    }

    private void subscribe(HttpServletRequest request, HttpServletResponse response, SignedInUser user) throws IOException {
        Optional<ReportFrequency> frequency = choice(ReportFrequency.class, request.getParameter("frequency"));
        Optional<ReportFormat> format = ReportFormat.ofExtension(request.getParameter("format"))
                .filter(f -> f == ReportFormat.PDF || f == ReportFormat.XLSX);
        FinanceFilters.Parsed parsed = FinanceFilters.parse(request, ZoneId.of("UTC"), LocalDate.now());
        if (frequency.isEmpty() || format.isEmpty() || !parsed.valid() || request.getParameter("zone") == null) {
            back(request, response, FinanceFilters.rawQuery(request), "invalid");
            return;
        }
        String outcome;
        try {
            ScheduledReports.Subscribed subscribed = scheduled.subscribe(user.actor(), user.email(), frequency.get(), format.get(),
                    ShopPageServlet.readersLanguage(request), parsed.filter(),
                    OidcBrowserFlow.absolute(request, SignInFilter.shopUrl(request, "/")));
            outcome = subscribed.added() ? "added" : "exists";
        } catch (InvalidFieldException e) {
            outcome = "refused-" + e.field();
        }
        back(request, response, FinanceFilters.query(parsed.filter()), outcome);
    }

    private void cancel(HttpServletRequest request, HttpServletResponse response, SignedInUser user) throws IOException {
        Matcher m = CANCEL.matcher(request.getPathInfo());
        UUID id;
        try {
            id = m.matches() ? UUID.fromString(m.group(1)) : null;
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null || !scheduled.cancel(user.actor(), id)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        back(request, response, FinanceFilters.rawQuery(request), "cancelled");
    }

    /** To the finance page, showing the same report, with what happened ({@code subscription=}) by the section. */
    private static void back(HttpServletRequest request, HttpServletResponse response, String query, String outcome) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", SignInFilter.shopUrl(request, FinanceReportServlet.PAGE) + "?"
                + (query.isEmpty() ? "" : query + "&") + "subscription=" + outcome + "#subscriptions");
    }

    private static <E extends Enum<E>> Optional<E> choice(Class<E> type, String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
