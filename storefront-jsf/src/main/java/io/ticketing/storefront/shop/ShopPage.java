package io.ticketing.storefront.shop;

import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventSummary;
import io.ticketing.platform.domain.tenant.BrandColours;
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
import java.util.List;

/**
 * The shop's pages: the tenant's name and look, who is signed in, and what is coming up. Words,
 * dates and amounts are the views' business (bundle {@code msg}, {@link Formats}); this bean
 * gives them the data.
 */
@Named("shop")
@RequestScoped
public class ShopPage {

    static final int LISTING_SIZE = 50;

    /** At most this many left, a listing or event page says how many (ListingView, EventView). */
    static final int FEW_LEFT = 20;

    @Inject
    EventCatalog catalog;
    @Inject
    HttpServletRequest request;
    @Inject
    TenantOidc oidc;
    @Inject
    ShopSession session;

    private List<EventSummary> events;
    private List<EventCatalog.CapacityLine> capacityOnSale;

    /** A request attribute with the shop as a back-office change left it, so the page that made it shows it at once. */
    public static final String CHANGED_TENANT = "ticketing.changedTenant";

    public Tenant getTenant() {
        Tenant served = TenantContext.require();
        return request.getAttribute(CHANGED_TENANT) instanceof Tenant changed && changed.id() == served.id() ? changed : served;
    }

    public List<EventSummary> getEvents() {
        if (events == null) {
            events = catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), LISTING_SIZE);
        }
        return events;
    }

    public List<EventCatalog.CapacityLine> getCapacityOnSale() {
        if (capacityOnSale == null) {
            capacityOnSale = catalog.capacityOnSale();
        }
        return capacityOnSale;
    }

    /**
     * Whether this browser has a hold in its cart in this shop. Asked without making a session:
     * a visitor who never held anything (or a crawler) costs the server no session.
     */
    public boolean isCartFilled() {
        return request.getSession(false) != null && !session.basket().holdIds().isEmpty();
    }

    /** The signed-in user of this shop, or null. */
    public SignedInUser getUser() {
        return SignInFilter.current(request).orElse(null);
    }

    /** A link inside this shop, kept under /t/{slug}/ when the shop was reached that way. */
    public String url(String path) {
        return url(request, path);
    }

    static String url(HttpServletRequest request, String path) {
        return SignInFilter.shopUrl(request, path);
    }

    public String getAccountConsole() {
        return oidc.of(getTenant()).accountConsole().toString();
    }

    public boolean isSignInAvailable() {
        return oidc.isConfigured();
    }

    /** Brand colour as CSS declarations; the registry only accepts #rrggbb, so it is safe here. */
    public String brandStyle() {
        return brandStyle(getTenant().branding().primaryColor());
    }

    static final String INK = "#1d1d1f";
    static final String WHITE = "#ffffff";
    static final String BLACK = "#000000";
    /** The page's background (--paper in storefront.css): links are read on it, a little darker than white. */
    static final String PAPER = "#fafafa";

    /**
     * {@code --brand} the organizer's colour; {@code --on-brand} the header's text on it: white or
     * ink where either reaches WCAG AA (4.5:1), else black, which always does on a colour white
     * fails on; {@code --brand-text} the colour itself where it reads on the page at AA, ink
     * otherwise (links and marks on the page).
     */
    public static String brandStyle(String color) {
        String onBrand = contrast(color, WHITE) >= 4.5 ? WHITE : contrast(color, INK) >= 4.5 ? INK : BLACK;
        String brandText = contrast(color, PAPER) >= 4.5 ? color : INK;
        return "--brand: " + color + "; --on-brand: " + onBrand + "; --brand-text: " + brandText + ";";
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21 ({@link BrandColours}). */
    static double contrast(String a, String b) {
        return BrandColours.contrast(a, b);
    }

    /** Where the shop shows its logo: the uploaded one (served by LogoServlet under its hash), else the linked one, else null. */
    public String getLogoSrc() {
        return logoSrc(request, getTenant().branding());
    }

    public static String logoSrc(HttpServletRequest request, io.ticketing.platform.domain.tenant.Branding branding) {
        if (branding.logoSha256() != null) {
            return url(request, "/brand/logo/" + branding.logoSha256());
        }
        return branding.logoUrl();
    }
}
