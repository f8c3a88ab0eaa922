package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.BrandColours;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.BrandingRefusedException;
import io.ticketing.platform.domain.tenant.HostNames;
import io.ticketing.platform.domain.tenant.LogoImage;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.platform.infrastructure.branding.CssFilter;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an organizer admin changes the current shop's look: its name, brand colour, custom CSS (filtered, see
 * {@link CssFilter}), uploaded logo ({@link LogoImage}) and the host names it answers on. All of it lives in the
 * platform registry, the one place of a shop's branding; each change is recorded in the shop's staff audit log
 * (subject {@code branding}, values before and after) and this node forgets what it remembered of the shop, so the
 * organizer's next page shows it; other nodes within {@code ticketing.tenants.fresh-for-ms} ({@link TenantDirectory}).
 * Pages and the API call these same methods.
 */
@ApplicationScoped
public class ShopBranding {

    public static final int MAX_NAME = 200;
    public static final int MAX_HOSTS = 20;
    private static final Pattern HEX6 = Pattern.compile("#[0-9a-f]{6}");
    private static final Pattern HEX3 = Pattern.compile("#[0-9a-f]{3}");

    @Inject
    TenantRegistry registry;
    @Inject
    TenantDirectory directory;
    @Inject
    TenantTransactions transactions;
    @Inject
    StaffAuditLog audit;

    /** The result of a change of look: the shop as it is now, and what was removed from the custom CSS. */
    public record Changed(Tenant tenant, List<String> removedCss) {
    }

    /** How readable text is on a brand colour: its contrast with white and with black, and whether either reaches AA. */
    public record Contrast(String color, double onWhite, double onBlack) {
        public boolean whiteReadable() {
            return onWhite >= BrandColours.AA;
        }

        public boolean blackReadable() {
            return onBlack >= BrandColours.AA;
        }
    }

    /** A logo as it is served. */
    public record Logo(String contentType, byte[] content) {
    }

    /** The current shop as the registry has it now (not as this node remembered it a moment ago). */
    public Tenant current() {
        Tenant served = TenantContext.require();
        return registry.findBySlug(served.slug()).orElse(served);
    }

    public static Contrast contrast(String color) {
        String c = color(color);
        return new Contrast(c, BrandColours.contrast(c, "#ffffff"), BrandColours.contrast(c, "#000000"));
    }

    /** A colour as the registry keeps it (#rrggbb, lower case; #rgb is widened), or a refusal naming the field. */
    public static String color(String color) {
        String c = color == null ? "" : color.strip().toLowerCase(Locale.ROOT);
        if (HEX3.matcher(c).matches()) {
            c = "#" + c.charAt(1) + c.charAt(1) + c.charAt(2) + c.charAt(2) + c.charAt(3) + c.charAt(3);
        }
        if (!HEX6.matcher(c).matches()) {
            throw new BrandingRefusedException("primaryColor", "color.format",
                    "A colour is written like #1f4e8c (a '#' and six hexadecimal digits)");
        }
        return c;
    }

    /** What the filter keeps of {@code css} and what it removes, without saving anything (the page's preview). */
    public static CssFilter.Filtered filterCss(String css) {
        if (css != null && css.length() > Branding.MAX_CSS_LENGTH) {
            throw new BrandingRefusedException("customCss", "css.size", "The custom CSS is " + css.length()
                    + " characters long; at most " + Branding.MAX_CSS_LENGTH + " are kept", css.length(), Branding.MAX_CSS_LENGTH);
        }
        return CssFilter.filter(css);
    }

    /** Sets the shop's name, colour and custom CSS; the CSS is filtered first and what was removed is returned. */
    public Changed change(StaffAuditLog.Actor actor, String displayName, String primaryColor, String customCss) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty()) {
            throw new BrandingRefusedException("displayName", "name.required", "The shop needs a name");
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new BrandingRefusedException("displayName", "name.length",
                    "A shop's name is one line of at most " + MAX_NAME + " characters", MAX_NAME);
        }
        String color = color(primaryColor);
        CssFilter.Filtered css = filterCss(customCss);
        Tenant before = current();
        new Branding(before.branding().logoUrl(), color, css.css(), before.branding().logoSha256()); // the registry's own checks
        registry.changeLook(before.id(), name, color, css.css());
        Map<String, Object> was = new LinkedHashMap<>();
        Map<String, Object> is = new LinkedHashMap<>();
        was.put("displayName", before.displayName());
        is.put("displayName", name);
        was.put("primaryColor", before.branding().primaryColor());
        is.put("primaryColor", color);
        was.put("customCss", String.valueOf(before.branding().customCss()));
        is.put("customCss", String.valueOf(css.css()));
        audited(actor, "branding.change", css.removed().isEmpty() ? "name, colour and CSS"
                : "name, colour and CSS; removed from the CSS: " + String.join(" | ", css.removed()), was, is);
        return new Changed(current(), css.removed());
    }

    /** Makes {@code bytes} the shop's logo once they pass {@link LogoImage}'s checks; returns the shop as it is now. */
    public Tenant uploadLogo(StaffAuditLog.Actor actor, byte[] bytes) {
        LogoImage logo = LogoImage.of(bytes);
        Tenant before = current();
        registry.replaceLogo(before.id(), logo);
        audited(actor, "branding.logo", logo.contentType() + " " + logo.width() + "x" + logo.height() + ", "
                + logo.content().length + " bytes", Map.of("logo", String.valueOf(before.branding().logoSha256())),
                Map.of("logo", logo.sha256()));
        return current();
    }

    public Tenant removeLogo(StaffAuditLog.Actor actor) {
        Tenant before = current();
        registry.replaceLogo(before.id(), null);
        audited(actor, "branding.logo-remove", "logo removed", Map.of("logo", String.valueOf(before.branding().logoSha256())),
                Map.of("logo", "null"));
        return current();
    }

    /** The current shop's logo with that hash; another shop's hash, or an old one, finds nothing. */
    public Optional<Logo> logo(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return registry.logo(TenantContext.require().id(), sha256).map(l -> new Logo(l.contentType(), l.content()));
    }

    /** Adds a host name the shop answers on (its DNS is the organizer's business); refused when malformed or taken. */
    public Tenant addHost(StaffAuditLog.Actor actor, String host) {
        String h;
        try {
            h = HostNames.normalize(host);
        } catch (IllegalArgumentException e) {
            throw new BrandingRefusedException("host", "host.invalid",
                    "'" + host + "' is not a host name like tickets.example.com", String.valueOf(host));
        }
        Tenant before = current();
        if (before.hosts().contains(h)) {
            return before;
        }
        if (before.hosts().size() >= MAX_HOSTS) {
            throw new BrandingRefusedException("host", "host.tooMany", "A shop answers on at most " + MAX_HOSTS + " host names", MAX_HOSTS);
        }
        if (!registry.addHost(before.id(), h)) {
            throw new TenantConflictException("host", "The host name " + h + " already belongs to another shop");
        }
        Tenant after = current();
        audited(actor, "branding.host-add", h, Map.of("hosts", String.join(", ", before.hosts())),
                Map.of("hosts", String.join(", ", after.hosts())));
        return after;
    }

    public Tenant removeHost(StaffAuditLog.Actor actor, String host) {
        Tenant before = current();
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (!before.hosts().contains(h) || !registry.removeHost(before.id(), h)) {
            throw new CatalogNotFoundException("This shop has no host name '" + host + "'");
        }
        Tenant after = current();
        audited(actor, "branding.host-remove", h, Map.of("hosts", String.join(", ", before.hosts())),
                Map.of("hosts", String.join(", ", after.hosts())));
        return after;
    }

    private void audited(StaffAuditLog.Actor actor, String action, String detail, Map<String, Object> before, Map<String, Object> after) {
        directory.forget();
        transactions.run(() -> audit.add(actor, action, detail, new StaffAuditLog.Change("branding", before, after)));
    }

    /** The shop's host names, for pages that list them. */
    public List<String> hosts() {
        return new ArrayList<>(current().hosts());
    }
}
