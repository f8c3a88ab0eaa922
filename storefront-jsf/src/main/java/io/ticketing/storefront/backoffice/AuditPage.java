package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.application.ShopSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shop's staff audit log ({@code /manage/audit/index.xhtml}; organizer admins): a GET filter form (so a search is
 * an address), newest first, {@link AuditFilters#PAGE} a page with a link to the older ones, each entry's values
 * before and after per field, and its subject linked to the page where it is kept. The same filter as
 * {@code GET /api/manage/audit}, through {@link ShopSettings#auditLog(StaffAuditLog.Query)}.
 */
@Named("auditPage")
@RequestScoped
public class AuditPage {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    @Inject
    ShopSettings settings;
    @Inject
    SalesReports reports;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private ZoneId zone;
    private List<StaffAuditLog.Entry> entries;
    private String invalidField;
    private boolean searched;

    public ZoneId getZone() {
        if (zone == null) {
            zone = reports.shopZone();
        }
        return zone;
    }

    private void search() {
        if (!searched) {
            searched = true;
            try {
                entries = settings.auditLog(AuditFilters.parse(request::getParameter, getZone(), AuditFilters.PAGE));
            } catch (InvalidFieldException e) {
                invalidField = e.field();
                entries = List.of();
            }
        }
    }

    public List<StaffAuditLog.Entry> getEntries() {
        search();
        return entries;
    }

    /** The parameter that is wrong, or null. */
    public String getInvalidField() {
        search();
        return invalidField;
    }

    public String param(String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** The address of the next (older) page, or null when this one is not full. */
    public String getOlderLink() {
        List<StaffAuditLog.Entry> all = getEntries();
        if (all.size() < AuditFilters.PAGE) {
            return null;
        }
        StringBuilder query = new StringBuilder();
        AuditFilters.echo(request::getParameter).forEach((k, v) -> query.append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        query.append("before=").append(all.get(all.size() - 1).id());
        return SignInFilter.shopUrl(request, "/manage/audit/index.xhtml") + "?" + query;
    }

    public boolean isPaged() {
        return !param("before").isBlank();
    }

    public ZonedDateTime local(OffsetDateTime at) {
        return at.atZoneSameInstant(getZone());
    }

    /** One field of an entry: its value before and after (null: it had none, or the entry kept none). */
    public record FieldChange(String field, String before, String after, boolean hasBefore, boolean hasAfter) {
    }

    public List<FieldChange> changes(StaffAuditLog.Entry e) {
        Set<String> fields = new LinkedHashSet<>(e.before().keySet());
        fields.addAll(e.after().keySet());
        List<FieldChange> out = new ArrayList<>();
        for (String f : fields) {
            out.add(new FieldChange(f, shown(e.before(), f), shown(e.after(), f), e.before().containsKey(f), e.after().containsKey(f)));
        }
        return out;
    }

    private String shown(Map<String, Object> values, String field) {
        if (!values.containsKey(field)) {
            return "";
        }
        Object value = values.get(field);
        if (value == null || "".equals(value)) {
            return fmt.text("audit.none");
        }
        if (value instanceof Boolean b) {
            return fmt.text(b ? "audit.yes" : "audit.no");
        }
        if (value instanceof Long || value instanceof Integer) {
            return fmt.number(((Number) value).longValue());
        }
        return value.toString();
    }

    /** The page where the subject is kept, or null when it has none. */
    public String subjectLink(String subject) {
        if (subject == null) {
            return null;
        }
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = subject.substring(0, colon);
        String id = subject.substring(colon + 1);
        return switch (kind) {
            case "event" -> NUMBER.matcher(id).matches() ? SignInFilter.shopUrl(request, "/manage/events/edit.xhtml") + "?event=" + id : null;
            case "order" -> uuid(id) ? SignInFilter.shopUrl(request, "/manage/orders/detail.xhtml") + "?order=" + id : null;
            case "coupon" -> SignInFilter.shopUrl(request, "/manage/coupons/index.xhtml");
            default -> null;
        };
    }

    /** The address of this page filtered by one subject. */
    public String subjectFilter(String subject) {
        return SignInFilter.shopUrl(request, "/manage/audit/index.xhtml") + "?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private static boolean uuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Action prefixes offered as suggestions in the filter. */
    public List<String> getActionSuggestions() {
        return List.of("event.", "ticket-type.", "coupon.", "order.", "member.", "branding", "payments.", "checkout.", "report.");
    }

    public String fieldsOf(StaffAuditLog.Entry e) {
        return changes(e).stream().map(FieldChange::field).collect(Collectors.joining(" "));
    }
}
