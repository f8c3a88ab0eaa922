package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.Notifications;
import io.ticketing.platform.application.OrderDesk;
import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.application.TicketsLeft;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.OrderJson;
import io.ticketing.storefront.security.AreaGuarded;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The overview page's figures as JSON (area {@code overview}: organizer admins and staff, finance reading):
 * {@code GET /api/manage/dashboard} with today's and this week's sales per currency (days in the shop's time zone),
 * what is left of each event on sale, and, for those whose roles open those areas, the orders needing attention and
 * the mail backlog. The same services as the page ({@link DashboardPage}); nothing is computed twice.
 */
@AreaGuarded
@Path("manage/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageDashboardResource {

    @Inject
    SalesReports reports;
    @Inject
    TicketsLeft ticketsLeft;
    @Inject
    OrderDesk desk;
    @Inject
    Notifications notifications;

    @GET
    public String overview(@Context HttpServletRequest request) {
        SignedInUser caller = (SignedInUser) request.getAttribute(SignInFilter.API_CALLER);
        ZoneId zone = reports.shopZone();
        LocalDate today = LocalDate.now(zone);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        var out = JSON.createObjectBuilder().add("zone", zone.getId()).add("today", today.toString())
                .add("sales", JSON.createObjectBuilder()
                        .add("today", totals(reports.summary(new SalesFilter(today, today, zone, List.of(), List.of(), null)).summary().totals()))
                        .add("week", totals(reports.summary(new SalesFilter(monday, today, zone, List.of(), List.of(), null)).summary().totals())));
        var events = JSON.createArrayBuilder();
        ticketsLeft.onSale().forEach(e -> events.add(JSON.createObjectBuilder().add("id", e.eventId()).add("title", e.title())
                .add("startsAt", e.startsAt().toOffsetDateTime().toString()).add("status", e.status().name())
                .add("capacity", e.capacity()).add("sold", e.sold()).add("held", e.held()).add("available", e.available())));
        out.add("events", events);
        if (caller.opens("orders")) {
            var attention = JSON.createArrayBuilder();
            desk.stuck().forEach(o -> attention.add(OrderJson.staffView(o)));
            out.add("attention", attention);
        }
        if (caller.opens("messages")) {
            NotificationRepository.Backlog backlog = notifications.backlog();
            out.add("mail", JSON.createObjectBuilder().add("waiting", backlog.pending())
                    .add("oldestWaitingSeconds", backlog.oldestPendingSeconds()).add("parked", backlog.parked()));
        }
        return out.build().toString();
    }

    private static JsonArrayBuilder totals(List<SalesFigures> figures) {
        var list = JSON.createArrayBuilder();
        figures.forEach(f -> list.add(JSON.createObjectBuilder().add("currency", f.currency()).add("orders", f.orders())
                .add("ticketsSold", f.ticketsSold()).add("gross", JsonFields.money(Money.ofMinor(f.grossMinor(), f.currency())))
                .add("net", JsonFields.money(Money.ofMinor(f.netMinor(), f.currency())))));
        return list;
    }
}
