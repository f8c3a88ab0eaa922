package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.ScheduledReports;
import io.ticketing.platform.domain.report.ReportSubscription;
import io.ticketing.platform.domain.report.SalesLedger;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The finance page's "E-mail me this report" section ({@code WEB-INF/includes/reportSubscriptions.xhtml}): the form
 * subscribing to the report on the page, and the reader's own subscriptions, each with its cancel button. The forms
 * post to {@link ReportSubscriptionServlet}, which sends the reader back here with {@code ?subscription=<outcome>}.
 */
@Named("reportSubscriptionsPage")
@RequestScoped
public class ReportSubscriptionsPage {

    @Inject
    ScheduledReports scheduled;
    @Inject
    FinancePage financePage;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private List<ReportSubscription> subscriptions;

    private SignedInUser user() {
        return SignInFilter.current(request).orElseThrow();
    }

    public List<ReportSubscription> getSubscriptions() {
        if (subscriptions == null) {
            subscriptions = scheduled.mine(user().subject());
        }
        return subscriptions;
    }

    /** Where the reports go: the reader's account address. */
    public String getEmail() {
        return user().email();
    }

    public String getSubscribeUrl() {
        return SignInFilter.shopUrl(request, "/manage/finance/subscriptions");
    }

    public String cancelUrl(ReportSubscription s) {
        return SignInFilter.shopUrl(request, "/manage/finance/subscriptions/" + s.id() + "/cancel");
    }

    /** What the last post did, as words for the status line, or null. */
    public String getOutcome() {
        String outcome = request.getParameter("subscription");
        if (outcome == null || !outcome.matches("[a-zA-Z-]{1,40}")) {
            return null;
        }
        String key = "finance.subscription.outcome." + outcome;
        return fmt.bundle().containsKey(key) ? fmt.text(key) : null;
    }

    public boolean isOutcomeAnError() {
        String outcome = request.getParameter("subscription");
        return outcome != null && (outcome.equals("invalid") || outcome.startsWith("refused"));
    }

    /** "Daily, PDF" in the reader's words. */
    public String title(ReportSubscription s) {
        return fmt.text("finance.subscription.title." + s.frequency().name().toLowerCase(Locale.ROOT), s.format().name());
    }

    /** What the subscription covers: its events, ticket types and payment method by name, or all sales. */
    public String scope(ReportSubscription s) {
        Map<Long, String> events = names(financePage.getChoices().events());
        Map<Long, String> types = names(financePage.getChoices().ticketTypes());
        List<String> parts = new ArrayList<>();
        s.eventIds().forEach(id -> parts.add(events.getOrDefault(id, "#" + id)));
        s.ticketTypeIds().forEach(id -> parts.add(types.getOrDefault(id, "#" + id)));
        if (s.paymentMethod() != null) {
            parts.add(financePage.methodLabel(s.paymentMethod()));
        }
        return parts.isEmpty() ? fmt.text("finance.subscription.scope.all") : String.join(", ", parts);
    }

    public ZonedDateTime nextRun(ReportSubscription s) {
        return s.nextRunAt().atZone(s.zone());
    }

    private static Map<Long, String> names(List<SalesLedger.Choice> choices) {
        return choices.stream().collect(Collectors.toMap(SalesLedger.Choice::id,
                c -> c.group() == null || c.group().isBlank() ? c.label() : c.group() + ": " + c.label(), (a, b) -> a));
    }

    /** For the id of each item, so its cancel button can name it. */
    public String itemId(ReportSubscription s) {
        return "subscription-" + s.id();
    }
}
