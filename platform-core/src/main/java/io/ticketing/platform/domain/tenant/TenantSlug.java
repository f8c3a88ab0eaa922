package io.ticketing.platform.domain.tenant;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's short name, as it appears in URLs ({@code /t/acme/}) and in its database schema
 * ({@code tenant_acme}). Validated here, before it can ever reach SQL or a host name.
 */
public record TenantSlug(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 40;

    /** Names that would clash with platform paths, host names or roles. */
    public static final Set<String> RESERVED = Set.of(
            "admin", "api", "app", "assets", "auth", "billing", "blog", "cdn", "dashboard", "docs",
            "health", "help", "keycloak", "login", "logout", "mail", "manage", "metrics", "operator",
            "platform", "postgres", "public", "root", "static", "status", "support", "system",
            "tenant", "tenants", "test", "www");

    public TenantSlug {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidTenantSlugException(value, problem);
        }
    }

    /** Why {@code candidate} is not a valid slug, or {@code null} when it is. */
    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "a slug is required";
        }
        if (candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH) {
            return "a slug has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        }
        if (!SHAPE.matcher(candidate).matches()) {
            return "a slug uses lowercase letters, digits and inner hyphens only";
        }
        if (candidate.contains("--")) {
            return "a slug has no double hyphens";
        }
        if (RESERVED.contains(candidate)) {
            return "'" + candidate + "' is reserved by the platform";
        }
        return null;
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate) == null;
    }

    /** The PostgreSQL schema holding this tenant's data. Safe to splice into SQL: see the shape rule. */
    public String schemaName() {
        return "tenant_" + value.replace('-', '_');
    }

    @Override
    public String toString() {
        return value;
    }
}
