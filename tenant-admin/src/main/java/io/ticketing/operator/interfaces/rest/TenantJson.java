package io.ticketing.operator.interfaces.rest;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.InvalidTenantSlugException;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.AuditEntry;
import io.ticketing.platform.json.JsonFields;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads onboarding requests and writes tenants, each problem naming the field it is about. */
final class TenantJson {

    private TenantJson() {
    }

    static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidFieldException(null, "The request body is empty; send a JSON object");
        }
        return JsonFields.parse(body);
    }

    /** {@code {slug, name, adminEmail, hosts[], branding{logoUrl, primaryColor, customCss}}} */
    static NewTenant newTenant(JsonObject json) {
        TenantSlug slug = field("slug", () -> new TenantSlug(text(json, "slug", true)));
        String name = text(json, "name", true);
        List<String> hosts = field("hosts", () -> strings(json, "hosts"));
        JsonObject b = json.containsKey("branding") && json.get("branding").getValueType() == JsonValue.ValueType.OBJECT
                ? json.getJsonObject("branding") : JSON.createObjectBuilder().build();
        Branding branding = field("branding", () -> new Branding(text(b, "logoUrl", false), text(b, "primaryColor", false),
                text(b, "customCss", false)));
        String adminEmail = text(json, "adminEmail", false);
        return fieldOf(() -> new NewTenant(slug, name, hosts, branding, adminEmail));
    }

    static JsonObjectBuilder tenant(Tenant t) {
        var hosts = JSON.createArrayBuilder();
        t.hosts().forEach(hosts::add);
        var branding = JSON.createObjectBuilder().add("primaryColor", t.branding().primaryColor());
        if (t.branding().logoUrl() != null) {
            branding.add("logoUrl", t.branding().logoUrl());
        }
        if (t.branding().customCss() != null) {
            branding.add("customCss", t.branding().customCss());
        }
        var out = JSON.createObjectBuilder()
                .add("slug", t.slug().value())
                .add("name", t.displayName())
                .add("status", t.status().name())
                .add("hosts", hosts)
                .add("branding", branding)
                .add("realm", "tenant-" + t.slug().value());
        if (t.adminEmail() != null) {
            out.add("adminEmail", t.adminEmail());
        }
        return out;
    }

    static JsonObjectBuilder auditEntry(AuditEntry e) {
        var out = JSON.createObjectBuilder().add("at", e.at().toString()).add("operator", e.operator())
                .add("action", e.action()).add("outcome", e.outcome().name());
        if (e.tenantSlug() != null) {
            out.add("tenant", e.tenantSlug());
        }
        if (e.detail() != null) {
            out.add("detail", e.detail());
        }
        return out;
    }

    private static String text(JsonObject json, String key, boolean required) {
        String value = JsonFields.text(json, key);
        if (value == null && required) {
            throw new InvalidFieldException(key, key + " is required");
        }
        return value;
    }

    private static List<String> strings(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidFieldException(key, key + " must be an array of host names");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidFieldException(key, key + " must be an array of host names");
            }
            out.add(s.getString());
        }
        return out;
    }

    private static <T> T field(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidTenantSlugException e) {
            throw new InvalidFieldException(name, e.getMessage());
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(name, e.getMessage());
        }
    }

    /** NewTenant checks several fields; its message starts with the one it is about. */
    private static NewTenant fieldOf(Supplier<NewTenant> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String field = message.startsWith("displayName") ? "name"
                    : message.startsWith("adminEmail") ? "adminEmail" : "hosts";
            throw new InvalidFieldException(field, message.replace("displayName", "name"));
        }
    }
}
