package io.ticketing.platform.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * What every response of both web modules tells the browser, and the cross-site check of requests
 * that a browser may send with the person's session cookie. Declared first in each module's web.xml.
 *
 * <p>Headers: a Content-Security-Policy (scripts only from this site; inline styles stay allowed,
 * because the shop's brand colour and custom CSS are rendered inline), no framing, no MIME sniffing,
 * and no full URLs in the Referer sent elsewhere.
 *
 * <p>Cross-site requests: an unsafe method (anything but GET, HEAD, OPTIONS, TRACE) that carries a
 * cookie is refused with 403 when the browser says it comes from another site ({@code
 * Sec-Fetch-Site: cross-site} or {@code same-site}, since tenants' host names may share a site) or
 * its {@code Origin} names another host. Bearer-token and guest-token API calls carry no cookie and
 * are not affected; neither are providers' callbacks.
 */
public class BrowserDefences extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' https: data:; font-src 'self' https: data:; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'none'";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (crossSiteWithCookies(request)) {
            ProblemPages.send(request, response, 403, "cross_site_request", "Refused",
                    "This request came from another site with your session; it was not carried out.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** An unsafe request a browser sent from another site with this site's cookies: the shape of CSRF. */
    static boolean crossSiteWithCookies(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || request.getHeader("Cookie") == null) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameHost(origin, request.getServerName());
    }

    /** Compares host names only: behind a TLS-terminating proxy the scheme and port the node sees differ from the browser's. */
    private static boolean sameHost(String origin, String serverName) {
        try {
            String host = URI.create(origin.strip()).getHost();
            return host != null && host.equalsIgnoreCase(serverName);
        } catch (IllegalArgumentException unreadable) {
            return false; // "null" (a sandboxed or privacy-redirected origin) and garbage are not this site
        }
    }
}
