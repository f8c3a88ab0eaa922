package io.ticketing.platform.domain.tenant;

import java.util.Locale;
import java.util.regex.Pattern;

/** Host names as the registry stores and compares them: lowercase, no port, no trailing dot. */
public final class HostNames {

    private static final Pattern SHAPE =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private HostNames() {
    }

    /** A host name an organizer registers; a bad one is refused with a message naming it. */
    public static String normalize(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a host name is required");
        }
        String h = stripTrailingDot(host.strip().toLowerCase(Locale.ROOT));
        if (h.length() > 253 || !h.contains(".") || !SHAPE.matcher(h).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a valid host name");
        }
        return h;
    }

    /** The host of an HTTP Host header ({@code Acme.Example.com:8080}), or null when it is not a plain name. */
    public static String fromHostHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return null; // an IPv6 literal never names a tenant
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        h = stripTrailingDot(h);
        return h.length() <= 253 && SHAPE.matcher(h).matches() ? h : null;
    }

    private static String stripTrailingDot(String h) {
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
