package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogAdministration;
import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.CouponAdministration;
import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.domain.catalog.Coupon;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shop's coupons ({@code /manage/coupons/index.xhtml}; organizer admins and staff): the list with usage so far,
 * a form to create one or edit the one in the address ({@code ?coupon=12}), and a button per coupon to switch it off
 * or on. All through {@link CouponAdministration}, as {@code /api/manage/coupons}; its field errors are shown next to
 * their field in the reader's language. Times are entered and shown in the shop's time zone.
 */
@Named("couponsPage")
@RequestScoped
public class CouponsPage {

    @Inject
    CouponAdministration coupons;
    @Inject
    CatalogAdministration catalog;
    @Inject
    SalesReports reports;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private List<CouponAdministration.Line> lines;
    private List<Event> events;
    private ZoneId zone;
    private Coupon editing;
    private boolean editingRead;
    private final Map<String, String> errors = new HashMap<>();

    private String code;
    private String kind;
    private String percentOff;
    private String amount;
    private String currency;
    private String usageLimit;
    private String validFrom;
    private String validUntil;
    private List<String> eventIds;

    public List<CouponAdministration.Line> getLines() {
        if (lines == null) {
            lines = coupons.overview();
        }
        return lines;
    }

    public List<Event> getEvents() {
        if (events == null) {
            events = catalog.events();
        }
        return events;
    }

    public ZoneId getZone() {
        if (zone == null) {
            zone = reports.shopZone();
        }
        return zone;
    }

    /** The coupon being edited: {@code ?coupon=} on the page, the form's hidden field on a save. */
    public Coupon getEditing() {
        if (!editingRead) {
            editingRead = true;
            String id = request.getParameter("coupon");
            if (id != null && !id.isBlank()) {
                try {
                    editing = coupons.coupon(Long.parseLong(id.strip()));
                } catch (NumberFormatException | CatalogNotFoundException e) {
                    editing = null;
                }
            }
        }
        return editing;
    }

    public boolean isMayChange() {
        SignedInUser user = SignInFilter.current(request).orElse(null);
        return user != null && user.mayChange("coupons");
    }

    // --- the list

    public String value(Coupon c) {
        return c.getPercentOff() != null ? fmt.text("coupons.percent", c.getPercentOff()) : fmt.money(c.getAmountOff());
    }

    public String uses(Coupon c) {
        return c.getUsageLimit() == null ? fmt.text("coupons.usesUnlimited", c.getTimesUsed())
                : fmt.text("coupons.usesOf", c.getTimesUsed(), c.getUsageLimit());
    }

    public String window(Coupon c) {
        if (c.getValidFrom() == null && c.getValidUntil() == null) {
            return fmt.text("coupons.always");
        }
        String from = c.getValidFrom() == null ? null : when(c.getValidFrom());
        String until = c.getValidUntil() == null ? null : when(c.getValidUntil());
        return from == null ? fmt.text("coupons.until", until) : until == null ? fmt.text("coupons.from", from) : fmt.text("coupons.between", from, until);
    }

    private String when(OffsetDateTime at) {
        ZonedDateTime local = at.atZoneSameInstant(getZone());
        return fmt.date(local) + " " + fmt.time(local);
    }

    public String scope(Coupon c) {
        if (c.getEventIds().isEmpty() && c.getTicketTypeIds().isEmpty()) {
            return fmt.text("coupons.allEvents");
        }
        List<String> names = new ArrayList<>();
        for (Event e : getEvents()) {
            if (c.getEventIds().contains(e.getId())) {
                names.add(e.getTitle());
            }
        }
        if (!c.getTicketTypeIds().isEmpty()) {
            names.add(fmt.text("coupons.someTicketTypes", c.getTicketTypeIds().size()));
        }
        return String.join(", ", names);
    }

    public String editLink(Coupon c) {
        return SignInFilter.shopUrl(request, "/manage/coupons/index.xhtml") + "?coupon=" + c.getId() + "#coupon-form";
    }

    // --- actions

    public String save() {
        requireWriter();
        errors.clear();
        CouponAdministration.Terms terms = terms();
        if (!errors.isEmpty()) {
            return null;
        }
        SignedInUser user = SignInFilter.current(request).orElseThrow();
        try {
            Coupon saved = getEditing() == null ? coupons.create(user.actor(), terms) : coupons.edit(user.actor(), getEditing().getId(), terms);
            message(FacesMessage.SEVERITY_INFO, fmt.text(getEditing() == null ? "coupons.created" : "coupons.saved", saved.getCode()));
            reset();
            return null;
        } catch (InvalidFieldException e) {
            errors.put(formField(e.field()), explain(e));
        } catch (CatalogConflictException e) {
            errors.put("code", fmt.text("coupons.invalid.duplicate"));
        } catch (CatalogNotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("coupons.gone"));
        }
        return null;
    }

    public String activate(long id, boolean active) {
        requireWriter();
        SignedInUser user = SignInFilter.current(request).orElseThrow();
        try {
            Coupon c = coupons.activate(user.actor(), id, active);
            message(FacesMessage.SEVERITY_INFO, fmt.text(active ? "coupons.reactivated" : "coupons.deactivated", c.getCode()));
        } catch (CatalogNotFoundException e) {
            message(FacesMessage.SEVERITY_ERROR, fmt.text("coupons.gone"));
        }
        reset();
        return null;
    }

    /** After a change: the list read again, an empty form for the next coupon. */
    private void reset() {
        lines = null;
        editing = null;
        editingRead = true;
        code = null;
        kind = null;
        percentOff = null;
        amount = null;
        currency = null;
        usageLimit = null;
        validFrom = null;
        validUntil = null;
        eventIds = null;
    }

    private void requireWriter() {
        if (!isMayChange()) {
            throw new SecurityException("Only the shop's organizer admins and staff may change coupons");
        }
    }

    private CouponAdministration.Terms terms() {
        Integer percent = null;
        Money off = null;
        if ("amount".equals(getKind())) {
            try {
                Currency cur = Currency.getInstance(String.valueOf(getCurrency()).strip().toUpperCase(Locale.ROOT));
                BigDecimal value = new BigDecimal(String.valueOf(getAmount()).strip().replace(',', '.'));
                off = new Money(value.movePointRight(Math.max(0, cur.getDefaultFractionDigits())).longValueExact(), cur);
                if (off.minorUnits() <= 0) {
                    errors.put("amount", fmt.text("coupons.invalid.amountOff"));
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                errors.put(e instanceof NumberFormatException || e instanceof ArithmeticException ? "amount" : "currency",
                        fmt.text(e instanceof NumberFormatException || e instanceof ArithmeticException ? "coupons.invalid.amountOff" : "coupons.invalid.currency"));
            }
        } else {
            try {
                percent = Integer.valueOf(String.valueOf(getPercentOff()).strip());
            } catch (NumberFormatException e) {
                errors.put("percentOff", fmt.text("coupons.invalid.percentOff"));
            }
        }
        Integer limit = null;
        if (getUsageLimit() != null && !getUsageLimit().isBlank()) {
            try {
                limit = Integer.valueOf(getUsageLimit().strip());
            } catch (NumberFormatException e) {
                errors.put("usageLimit", fmt.text("coupons.invalid.usageLimit"));
            }
        }
        OffsetDateTime from = time("validFrom", getValidFrom());
        OffsetDateTime until = time("validUntil", getValidUntil());
        Set<Long> scope = new LinkedHashSet<>();
        for (String id : getEventIds()) {
            try {
                scope.add(Long.valueOf(id));
            } catch (NumberFormatException e) {
                errors.put("events", fmt.text("coupons.invalid.eventIds"));
            }
        }
        Set<Long> types = getEditing() == null ? Set.of() : getEditing().getTicketTypeIds();
        return new CouponAdministration.Terms(getCode(), percent, off, limit, from, until, scope, types);
    }

    private OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(getZone()).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            errors.put(field, fmt.text("coupons.invalid.time"));
            return null;
        }
    }

    /** The form's field for a service's field name. */
    private static String formField(String field) {
        return switch (String.valueOf(field)) {
            case "amountOff" -> "amount";
            case "eventIds", "ticketTypeIds" -> "events";
            case "code", "percentOff", "usageLimit", "validFrom", "validUntil" -> field;
            default -> "code";
        };
    }

    /** The service's rule in the reader's words. */
    private String explain(InvalidFieldException e) {
        String message = String.valueOf(e.getMessage());
        if ("code".equals(e.field()) && message.contains("cannot change")) {
            return fmt.text("coupons.invalid.codeUsed");
        }
        if ("usageLimit".equals(e.field()) && message.contains("uses so far") && getEditing() != null) {
            return fmt.text("coupons.invalid.usageLimitUsed", getEditing().getTimesUsed());
        }
        String key = "coupons.invalid." + e.field();
        return fmt.bundle().containsKey(key) ? fmt.text(key) : message;
    }

    // --- errors next to their fields

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean isHasErrors() {
        return !errors.isEmpty();
    }

    // --- the form's values: what was sent, else the coupon being edited, else the defaults

    public String getCode() {
        return code != null ? code : getEditing() != null ? getEditing().getCode() : "";
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getKind() {
        return kind != null ? kind : getEditing() != null && getEditing().getAmountOff() != null ? "amount" : "percent";
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getPercentOff() {
        return percentOff != null ? percentOff
                : getEditing() != null && getEditing().getPercentOff() != null ? String.valueOf(getEditing().getPercentOff()) : "";
    }

    public void setPercentOff(String percentOff) {
        this.percentOff = percentOff;
    }

    public String getAmount() {
        return amount != null ? amount
                : getEditing() != null && getEditing().getAmountOff() != null ? getEditing().getAmountOff().amount().toPlainString() : "";
    }

    public void setAmount(String amount) {
        this.amount = amount;
    }

    public String getCurrency() {
        return currency != null ? currency
                : getEditing() != null && getEditing().getAmountOff() != null ? getEditing().getAmountOff().currency().getCurrencyCode() : "EUR";
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getUsageLimit() {
        return usageLimit != null ? usageLimit
                : getEditing() != null && getEditing().getUsageLimit() != null ? String.valueOf(getEditing().getUsageLimit()) : "";
    }

    public void setUsageLimit(String usageLimit) {
        this.usageLimit = usageLimit;
    }

    public String getValidFrom() {
        return validFrom != null ? validFrom : getEditing() != null ? local(getEditing().getValidFrom()) : "";
    }

    public void setValidFrom(String validFrom) {
        this.validFrom = validFrom;
    }

    public String getValidUntil() {
        return validUntil != null ? validUntil : getEditing() != null ? local(getEditing().getValidUntil()) : "";
    }

    public void setValidUntil(String validUntil) {
        this.validUntil = validUntil;
    }

    private String local(OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(getZone()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    public List<String> getEventIds() {
        if (eventIds != null) {
            return eventIds;
        }
        return getEditing() == null ? new ArrayList<>() : new ArrayList<>(getEditing().getEventIds().stream().sorted().map(String::valueOf).toList());
    }

    public void setEventIds(List<String> eventIds) {
        this.eventIds = eventIds;
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
