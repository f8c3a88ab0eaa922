package io.ticketing.storefront;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The language a reader chose in the shop's switcher, kept in a cookie that wins over the
 * browser's Accept-Language ({@link TenantPathViewHandler#calculateLocale}). A page link with
 * {@code ?lang=de} sets it and comes back to the same address without the parameter, so a
 * bookmark never carries it. Only the shop's languages are kept; anything else is ignored.
 */
public class LanguageChoice extends HttpFilter {

    public static final String COOKIE = io.ticketing.platform.interfaces.web.OidcBrowserFlow.LANGUAGE_COOKIE;
    public static final String PARAMETER = "lang";
    /** The shop's languages, in the switcher's order; each one's tag is the cookie's value. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.SIMPLIFIED_CHINESE);
    static final int ONE_YEAR = 365 * 24 * 60 * 60;

    /** The shop language with exactly this tag (en, de, zh-CN). */
    public static Optional<Locale> language(String tag) {
        return LANGUAGES.stream().filter(l -> l.toLanguageTag().equals(tag)).findFirst();
    }

    /** The language the reader chose, if their cookie names one of the shop's. */
    public static Optional<Locale> chosen(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName()))
                .map(c -> language(c.getValue())).flatMap(Optional::stream).findFirst();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String tag = request.getParameter(PARAMETER);
        if (tag == null || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) || isApi(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Locale> language = language(tag);
        if (language.isPresent()) {
            String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            // Set by hand: Payara writes no SameSite for a Cookie object. Readable by the server only.
            response.addHeader("Set-Cookie", COOKIE + "=" + language.get().toLanguageTag() + "; Max-Age=" + ONE_YEAR
                    + "; Path=" + path + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", sameAddressWithout(request.getRequestURI(), request.getQueryString()));
    }

    /** The JSON API has no pages to switch: it goes on untouched. */
    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.matches("/t/[^/]+/api/.*");
    }

    /**
     * The address the browser asked for, minus the language parameter. Only its path and query are
     * used, so the redirect stays on this host; a path starting "//" would read as another host.
     */
    public static String sameAddressWithout(String requestUri, String queryString) {
        String path = "/" + requestUri.replaceFirst("^/+", "");
        String query = queryString == null ? "" : Arrays.stream(queryString.split("&"))
                .filter(p -> !p.isEmpty() && !p.split("=", 2)[0].equals(PARAMETER))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }
}
