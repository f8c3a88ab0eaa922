package io.ticketing.storefront.shop;

import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventSummary;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.domain.catalog.EventStatus;
import java.util.Map;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.security.TenantOidc;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The shop's front page: the tenant's name and look, and what is coming up. */
@Named("shop")
@RequestScoped
public class ShopPage {

    static final int LISTING_SIZE = 50;
    private static final Locale LOCALE = Locale.ENGLISH;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", LOCALE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", LOCALE);

    static final int FEW_LEFT = 20;

    @Inject
    EventCatalog catalog;
    @Inject
    HoldService holds;
    @Inject
    HttpServletRequest request;
    @Inject
    TenantOidc oidc;

    private List<EventSummary> events;
    private Map<Long, Integer> available;

    public Tenant getTenant() {
        return TenantContext.require();
    }

    public List<EventSummary> getEvents() {
        if (events == null) {
            events = catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), LISTING_SIZE);
        }
        return events;
    }

    /** Tickets left per ticket type of the listed events, read live from the stock engine once per page. */
    private Map<Long, Integer> available() {
        if (available == null) {
            available = holds.available(EventSummary.capacities(getEvents()));
        }
        return available;
    }

    public boolean soldOut(EventSummary event) {
        return event.status() == EventStatus.SOLD_OUT
                || (!event.capacities().isEmpty() && event.ticketsLeft(available()) == 0);
    }

    /** "12 left" when few are left, nothing otherwise (a listing does not shout its stock). */
    public String left(EventSummary event) {
        int left = event.ticketsLeft(available());
        return left > 0 && left <= FEW_LEFT ? left + " left" : "";
    }

    public String date(EventSummary event) {
        return DATE.format(event.startsAt());
    }

    public String time(EventSummary event) {
        return TIME.format(event.startsAt());
    }

    public String priceFrom(EventSummary event) {
        return event.priceFrom() == null ? "" : "from " + event.priceFrom().format(LOCALE);
    }

    public List<EventCatalog.CapacityLine> getCapacityOnSale() {
        return catalog.capacityOnSale();
    }

    public String money(io.ticketing.platform.domain.shared.Money amount) {
        return amount.format(LOCALE);
    }

    /** The signed-in user of this shop, or null. */
    public SignedInUser getUser() {
        return SignInFilter.current(request).orElse(null);
    }

    /** A link inside this shop, kept under /t/{slug}/ when the shop was reached that way. */
    public String url(String path) {
        return SignInFilter.shopUrl(request, path);
    }

    public String getAccountConsole() {
        return oidc.of(getTenant()).accountConsole().toString();
    }

    public boolean isSignInAvailable() {
        return oidc.isConfigured();
    }

    /** Brand colour as a CSS declaration; the registry only accepts #rrggbb, so it is safe here. */
    public String brandStyle() {
        return "--brand: " + getTenant().branding().primaryColor() + ";";
    }
}
