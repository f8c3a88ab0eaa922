package io.ticketing.storefront.shop;

import io.ticketing.platform.application.CatalogVersion;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.interfaces.web.TenantResolutionFilter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The listing and event pages, and an event's JSON ({@code GET /api/events/{id}}), as every anonymous visitor sees
 * them, rendered once per {@code ticketing.shop.page-cache-ms} (1,000 ms; 0 turns it off) per node and served as bytes
 * in between, so a refresh storm before an on-sale (of browsers, or of a script polling the JSON) costs a node a
 * rendering a second per page, not one per view. A caller with a token (Authorization) always reads live counts.
 *
 * <p>What a visitor may see from it is bounded: the key holds the tenant (its record, so a branding change that
 * reached this node shows at once), the host name, the address with its query, the page's language and the catalog's generation (so a
 * price, title or time the organizer changed is never shown from an older copy). Only "N left" and "sold out" may be
 * old: by the stated time, and by one more while the one request past it renders the successor (so at most twice the
 * stated time); the hold itself is always decided by the stock engine. Only requests without a session,
 * sign-in or cookie other than the language choice are served from it or fill it, and only a page whose rendering
 * made no session and set no cookie is kept, so nothing personal is ever shared.
 */
public class AnonymousPageCache extends HttpFilter {

    static final int MAX_ENTRIES = 2_000;
    static final int MAX_BYTES = 512 * 1024;
    /** What the copies of one node may take in all (a listing page is some 30-60 KiB). */
    static final long BUDGET_BYTES = 32L * 1024 * 1024;
    private static final Pattern PAGE = Pattern.compile("/|/index\\.xhtml|/events/[1-9][0-9]{0,17}/?|/api/events/[1-9][0-9]{0,17}");
    /** The event's JSON is the same in every language, so its copies are not kept per language. */
    private static final String API = "/api/";
    /** Says whether a page came from the copy ("hit", or "stale" while its successor renders) or was rendered ("miss"), as CDNs' X-Cache does. */
    static final String HEADER = "X-Page-Cache";
    private static final String SEEN = AnonymousPageCache.class.getName() + ".seen";

    @Inject
    CatalogVersion catalog;

    long freshForMillis = -1;
    LongSupplier nanoClock = System::nanoTime;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

    /** A kept rendering; {@code renewing} is taken by the one request that renders its successor. */
    private record Page(byte[] body, String contentType, String contentLanguage, String etag, long until,
                        java.util.concurrent.atomic.AtomicBoolean renewing) {
        Page(byte[] body, String contentType, String contentLanguage, String etag, long until) {
            this(body, contentType, contentLanguage, etag, until, new java.util.concurrent.atomic.AtomicBoolean());
        }
    }

    @Override
    public void init() throws ServletException {
        if (freshForMillis < 0) {
            freshForMillis = ConfigProvider.getConfig().getOptionalValue("ticketing.shop.page-cache-ms", Long.class).orElse(1000L);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> key = freshForMillis > 0 && request.getAttribute(SEEN) == null ? key(request) : Optional.empty();
        if (key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(SEEN, Boolean.TRUE);
        long now = nanoClock.getAsLong();
        Page page = pages.get(key.get());
        if (page != null && now - page.until() < 0) {
            response.setHeader(HEADER, "hit");
            send(page, request, response);
            return;
        }
        // Past its time, one request renders the successor while the others still get this copy, for at most one more
        // period: 64 buyers reloading at once make one rendering, not 64 (the listing's p99 was 820 ms without it).
        boolean renewer = page != null && page.renewing().compareAndSet(false, true);
        if (page != null && !renewer && now - page.until() < freshForMillis * 1_000_000) {
            response.setHeader(HEADER, "stale");
            send(page, request, response);
            return;
        }
        response.setHeader(HEADER, "miss");
        Capture capture = new Capture(response);
        try {
            chain.doFilter(request, capture);
        } finally {
            if (renewer) {
                page.renewing().set(false); // kept or not, the next request past its time may try
            }
        }
        byte[] body = capture.body();
        Page rendered = capture.keepable() && response.getContentType() != null
                && (response.getContentType().startsWith("text/html") || response.getContentType().startsWith("application/json"))
                ? new Page(body, response.getContentType(), response.getHeader("Content-Language"), etag(body),
                        now + freshForMillis * 1_000_000)
                : null;
        if (rendered != null && request.getSession(false) == null && body.length <= MAX_BYTES) {
            Page old = pages.put(key.get(), rendered);
            long total = bytes.addAndGet(body.length - (old == null ? 0 : old.body().length));
            if (total > BUDGET_BYTES || pages.size() > MAX_ENTRIES) {
                // a flood of made-up queries: dropped all at once rather than grown without bound
                pages.clear();
                bytes.set(0);
            }
        }
        if (capture.passedOn()) {
            return;
        }
        if (rendered != null) {
            send(rendered, request, response);
        } else {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** A strong validator of the page's bytes: a browser that has them asks again and gets 304 without them. */
    static String etag(byte[] body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of an anonymous GET of a listing or event page, or empty when this request is not one. */
    Optional<String> key(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!"GET".equals(request.getMethod()) || !PAGE.matcher(path).matches() || request.getHeader("Authorization") != null
                || !onlyTheLanguageCookie(request.getCookies()) || request.getSession(false) != null) {
            return Optional.empty();
        }
        if (!(request.getAttribute(TenantResolutionFilter.TENANT_ATTRIBUTE) instanceof Tenant tenant)) {
            return Optional.empty();
        }
        Optional<String> catalogVersion = catalog.current();
        if (catalogVersion.isEmpty()) {
            return Optional.empty();
        }
        Object prefix = request.getAttribute(TenantResolutionFilter.PATH_PREFIX_ATTRIBUTE);
        return Optional.of(tenant.id() + "|" + tenant.hashCode() + "|" + catalogVersion.get() + "|" + request.getServerName()
                + "|" + prefix + "|" + path
                + "?" + request.getQueryString() + "|"
                + (path.startsWith(API) ? "" : ShopPageServlet.readersLanguage(request).toLanguageTag()));
    }

    private static boolean onlyTheLanguageCookie(Cookie[] cookies) {
        if (cookies == null) {
            return true;
        }
        for (Cookie cookie : cookies) {
            if (!io.ticketing.storefront.LanguageChoice.COOKIE.equals(cookie.getName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The page, or 304 to a browser that already has these bytes. {@code no-cache}: a browser keeps the page but asks
     * each time, so what it shows is never older than what this node would serve.
     */
    private static void send(Page page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("ETag", page.etag());
        response.setHeader("Cache-Control", "no-cache");
        String known = request.getHeader("If-None-Match");
        if (known != null && java.util.Arrays.stream(known.split(",")).map(String::strip).anyMatch(page.etag()::equals)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(page.contentType());
        if (page.contentLanguage() != null) {
            response.setHeader("Content-Language", page.contentLanguage());
        }
        response.setContentLength(page.body().length);
        response.getOutputStream().write(page.body());
    }

    /**
     * Holds the page's body back until it is known whether it may be kept; a page that sets a cookie, redirects or
     * fails is not kept (and anything it wrote after such a turn goes straight through).
     */
    private static final class Capture extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
        private ServletOutputStream stream;
        private PrintWriter writer;
        private boolean keepable = true;
        private boolean passedOn;

        Capture(HttpServletResponse response) {
            super(response);
        }

        boolean keepable() {
            return keepable && getStatus() == SC_OK && getHeader("Set-Cookie") == null;
        }

        boolean passedOn() {
            return passedOn;
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }

        @Override
        public void addCookie(Cookie cookie) {
            keepable = false;
            super.addCookie(cookie);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            keepable = false;
            passedOn = true;
            super.sendRedirect(location);
        }

        @Override
        public void sendError(int status) throws IOException {
            keepable = false;
            passedOn = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            keepable = false;
            passedOn = true;
            super.sendError(status, message);
        }

        @Override
        public void setContentLength(int length) {
            // the length is set when the body is sent
        }

        @Override
        public void setContentLengthLong(long length) {
            // the length is set when the body is sent
        }

        @Override
        public void flushBuffer() {
            // held until the page is whole
        }

        @Override
        public void resetBuffer() {
            buffer.reset();
            super.resetBuffer();
        }

        @Override
        public void reset() {
            buffer.reset();
            super.reset();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new IllegalStateException("not asynchronous");
                    }

                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset), false);
            }
            return writer;
        }
    }
}
