package io.ticketing.identity;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Keycloak realm of one tenant: roles organizer-admin, organizer-staff, finance and customer
 * (the default for self-registered buyers), a confidential {@code storefront} client whose
 * redirect URIs are the tenant's own addresses, self-registration with e-mail as user name,
 * brute-force protection and short-lived tokens. Its login page shows the tenant's name in its colour.
 *
 * @param slug               the tenant's validated slug
 * @param platformBaseUrl    where {@code /t/{slug}/} is served, e.g. {@code http://localhost:8080}
 * @param directAccessGrants password grants for the storefront client: tests and development only
 * @param passwordPolicy     Keycloak's policy string
 * @param smtp               how the realm sends its own mail (password resets), or null for none
 */
public record TenantRealmTemplate(String slug, String displayName, String primaryColor, List<String> hosts,
                                  String platformBaseUrl, String storefrontSecret, boolean directAccessGrants,
                                  String passwordPolicy, Smtp smtp) {

    /** The SMTP server a realm's own mail goes through; it is sent in the tenant's name. */
    public record Smtp(String host, int port, String from, boolean starttls) {
    }

    public static final String PRODUCTION_PASSWORD_POLICY = "length(10) and notUsername and notEmail and maxLength(128)";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-f]{6}");

    public TenantRealmTemplate {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("not a tenant slug: " + slug);
        }
        if (primaryColor == null || !COLOR.matcher(primaryColor).matches()) {
            throw new IllegalArgumentException("primaryColor must be #rrggbb in lowercase: " + primaryColor);
        }
        hosts = List.copyOf(hosts);
    }

    /** Every tenant's realm is named after its slug, so realm and tenant can be matched without a lookup. */
    public static String realmName(String slug) {
        return "tenant-" + slug;
    }

    public String realmName() {
        return realmName(slug);
    }

    /**
     * The storefront may send buyers back to the tenant's own hosts and to its path on the platform
     * host. On a plain-http platform (development) the hosts are allowed on its scheme and port too.
     */
    public List<String> redirectUris() {
        List<String> uris = new ArrayList<>();
        URI platform = URI.create(platformBaseUrl);
        for (String host : hosts) {
            uris.add("https://" + host + "/*");
            if ("http".equals(platform.getScheme())) {
                uris.add("http://" + host + (platform.getPort() > 0 ? ":" + platform.getPort() : "") + "/*");
            }
        }
        uris.add(platformBaseUrl.replaceAll("/+$", "") + "/t/" + slug + "/*");
        return uris;
    }

    public String toJson() {
        return RealmTemplates.render(RealmTemplates.TENANT,
                Map.of("realm", realmName(),
                        "slug", slug,
                        "displayName", displayName,
                        "displayNameHtml", "<span class=\"tenant-name\" style=\"color: " + primaryColor + "\">"
                                + escapeHtml(displayName) + "</span>",
                        "primaryColor", primaryColor,
                        "storefrontSecret", storefrontSecret,
                        "passwordPolicy", passwordPolicy),
                Map.of("redirectUris", RealmTemplates.jsonArray(redirectUris()),
                        "directAccessGrants", Boolean.toString(directAccessGrants),
                        "smtpServer", smtpJson()));
    }

    private String smtpJson() {
        if (smtp == null) {
            return "{}";
        }
        return "{\"host\": \"" + RealmTemplates.escape(smtp.host()) + "\", \"port\": \"" + smtp.port()
                + "\", \"from\": \"" + RealmTemplates.escape(smtp.from()) + "\", \"fromDisplayName\": \""
                + RealmTemplates.escape(displayName) + "\", \"starttls\": \"" + smtp.starttls() + "\", \"auth\": \"false\"}";
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
