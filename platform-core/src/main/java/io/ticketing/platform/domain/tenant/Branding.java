package io.ticketing.platform.domain.tenant;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * How a tenant's storefront looks. Every field is checked so that it can be written into a page
 * without opening an injection hole: the colour is a strict hex code, the logo an absolute
 * http(s) URL, and custom CSS may not close its style element. {@code logoSha256} names a logo the
 * organizer uploaded (kept in the registry, served by the shop under that hash); it wins over
 * {@code logoUrl}.
 */
public record Branding(String logoUrl, String primaryColor, String customCss, String logoSha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Branding(String logoUrl, String primaryColor, String customCss) {
        this(logoUrl, primaryColor, customCss, null);
    }

    public static final String DEFAULT_COLOR = "#1f4e8c";
    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    public static final int MAX_CSS_LENGTH = 20_000;

    public static Branding defaults() {
        return new Branding(null, DEFAULT_COLOR, null);
    }

    public Branding {
        primaryColor = primaryColor == null || primaryColor.isBlank() ? DEFAULT_COLOR : primaryColor.trim();
        if (!HEX_COLOR.matcher(primaryColor).matches()) {
            throw new IllegalArgumentException("primaryColor must look like #1f4e8c, got '" + primaryColor + "'");
        }
        primaryColor = primaryColor.toLowerCase();
        if (logoUrl != null && !logoUrl.isBlank()) {
            logoUrl = logoUrl.trim();
            URI uri;
            try {
                uri = URI.create(logoUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("logoUrl is not a valid URL: '" + logoUrl + "'");
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("logoUrl must be an absolute http(s) URL, got '" + logoUrl + "'");
            }
        } else {
            logoUrl = null;
        }
        if (customCss != null && !customCss.isBlank()) {
            if (customCss.length() > MAX_CSS_LENGTH) {
                throw new IllegalArgumentException("customCss is longer than " + MAX_CSS_LENGTH + " characters");
            }
            if (customCss.contains("<")) {
                throw new IllegalArgumentException("customCss may not contain '<'");
            }
        } else {
            customCss = null;
        }
        if (logoSha256 != null && !SHA256.matcher(logoSha256).matches()) {
            throw new IllegalArgumentException("logoSha256 must be 64 lowercase hex digits");
        }
    }

    /** Whether the shop shows a logo at all (uploaded or linked). */
    public boolean hasLogo() {
        return logoSha256 != null || logoUrl != null;
    }

    public Branding withColor(String color) {
        return new Branding(logoUrl, color, customCss, logoSha256);
    }

    public Branding withCustomCss(String css) {
        return new Branding(logoUrl, primaryColor, css, logoSha256);
    }
}
