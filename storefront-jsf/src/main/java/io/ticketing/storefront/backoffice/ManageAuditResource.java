package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.SalesReports;
import io.ticketing.platform.application.ShopSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.storefront.security.StaffOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The shop's staff audit log for its organizer admins (area {@code audit}): {@code GET /api/manage/audit} with the
 * audit page's filters ({@code action}, {@code person}, {@code subject}, {@code from}, {@code to} in the shop's time
 * zone), newest first, {@code limit} entries (50, at most 200) and {@code next}: the {@code before} value of the
 * following page when there may be one.
 */
@StaffOnly
@Path("manage/audit")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageAuditResource {

    @Inject
    ShopSettings settings;

    @Inject
    SalesReports reports;

    @GET
    public String search(@Context UriInfo uri, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > AuditFilters.MAX_PAGE) {
            throw new InvalidFieldException("limit", "limit is between 1 and " + AuditFilters.MAX_PAGE);
        }
        var parameters = uri.getQueryParameters();
        StaffAuditLog.Query query = AuditFilters.parse(parameters::getFirst, reports.shopZone(), limit);
        List<StaffAuditLog.Entry> entries = settings.auditLog(query);
        var list = JSON.createArrayBuilder();
        entries.forEach(e -> list.add(entry(e)));
        var out = JSON.createObjectBuilder().add("entries", list);
        if (entries.size() == limit) {
            out.add("next", entries.get(entries.size() - 1).id());
        }
        return out.build().toString();
    }

    static JsonObjectBuilder entry(StaffAuditLog.Entry e) {
        var out = JSON.createObjectBuilder().add("id", e.id()).add("at", e.at().toString()).add("actor", e.actor())
                .add("action", e.action()).add("detail", e.detail())
                .add("before", values(e.before())).add("after", values(e.after()));
        if (e.actorEmail() != null) {
            out.add("actorEmail", e.actorEmail());
        }
        if (e.subject() != null) {
            out.add("subject", e.subject());
        }
        return out;
    }

    private static JsonObjectBuilder values(Map<String, Object> values) {
        var out = JSON.createObjectBuilder();
        values.forEach((field, value) -> {
            if (value == null) {
                out.addNull(field);
            } else if (value instanceof Boolean b) {
                out.add(field, b);
            } else if (value instanceof Long || value instanceof Integer) {
                out.add(field, ((Number) value).longValue());
            } else if (value instanceof BigDecimal d) {
                out.add(field, d);
            } else {
                out.add(field, value.toString());
            }
        });
        return out;
    }
}
