package io.ticketing.platform.interfaces.web;

import io.ticketing.platform.domain.tenant.Tenant;
import jakarta.inject.Inject;
import io.ticketing.platform.json.JsonFields;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What a node tells its operators about every request, in one place, declared first in each web.xml:
 * <ul>
 * <li>an id: the caller's {@code X-Request-Id} when it is a plain token of at most 64 characters (a load balancer's),
 * otherwise a new one; sent back in {@code X-Request-Id} and kept as a request attribute;</li>
 * <li>its time, as {@code http_server_requests_seconds} by method, route template and status class on the node's
 * management port ({@code /metrics});</li>
 * <li>one log line (logger {@code ticketing.requests}): method, route, status, milliseconds, shop and id; as JSON
 * when {@code ticketing.log.format=json}; none when {@code ticketing.log.requests=false}.</li>
 * </ul>
 * The route is what the request was served by, never its address: a JAX-RS template ({@code /api/events/{id}}), a
 * Faces view ({@code /event.xhtml}), a servlet's mapping, {@code static} for files, or {@code unmatched} for a 404
 * nothing claimed. So metric labels are bounded by the code, not by what clients send, and the log never holds the
 * order links' keys or unsubscribe tokens that addresses carry (docs/decisions.md, "Metrics" and "Request log").
 * REQUEST and FORWARD: a shop's {@code /t/{slug}/...} address is forwarded, and the innermost dispatch names the route.
 */
public class RequestTelemetry extends HttpFilter {

    /** Set by {@code RouteTemplates} for JAX-RS requests; otherwise the innermost servlet mapping decides. */
    public static final String ROUTE_ATTRIBUTE = RequestTelemetry.class.getName() + ".route";
    private static final String MAPPING_ATTRIBUTE = RequestTelemetry.class.getName() + ".mapping";
    static final String NAME = "http_server_requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The request's id, as a request attribute (for error pages and logs). */
    public static final String ID_ATTRIBUTE = "ticketing.request-id";
    static final String ID_HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger LOG = Logger.getLogger("ticketing.requests");

    @Inject
    MetricRegistry registry;

    boolean logRequests = true;
    boolean json;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void init() throws ServletException {
        var config = ConfigProvider.getConfig();
        logRequests = config.getOptionalValue("ticketing.log.requests", Boolean.class).orElse(true);
        json = "json".equalsIgnoreCase(config.getOptionalValue("ticketing.log.format", String.class).orElse("text"));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(MAPPING_ATTRIBUTE, served(request));
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        String id = id(request.getHeader(ID_HEADER));
        request.setAttribute(ID_ATTRIBUTE, id);
        response.setHeader(ID_HEADER, id);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            long nanos = System.nanoTime() - start;
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            String method = method(request.getMethod());
            String route = route(request, status);
            if (registry != null) {
                timer(method, route, (status / 100) + "xx").update(Duration.ofNanos(nanos));
            }
            if (logRequests && LOG.isLoggable(Level.INFO)) {
                LOG.info(line(method, route, status, nanos, tenant(request), id));
            }
        }
    }

    /** The caller's id when it is a plain token (a load balancer's or a client's), otherwise a new one. */
    static String id(String given) {
        if (given != null && SANE_ID.matcher(given).matches()) {
            return given;
        }
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }

    String line(String method, String route, int status, long nanos, String tenant, String id) {
        String millis = String.format(Locale.ROOT, "%.1f", nanos / 1e6);
        if (json) {
            return JsonFields.JSON.createObjectBuilder().add("type", "request").add("method", method).add("route", route)
                    .add("status", status).add("ms", Double.parseDouble(millis)).add("tenant", tenant).add("id", id)
                    .build().toString();
        }
        return method + " " + route + " " + status + " " + millis + " ms tenant=" + tenant + " id=" + id;
    }

    private static String tenant(HttpServletRequest request) {
        return request.getAttribute(TenantResolutionFilter.TENANT_ATTRIBUTE) instanceof Tenant tenant ? tenant.slug().value() : "-";
    }

    static String route(HttpServletRequest request, int status) {
        Object template = request.getAttribute(ROUTE_ATTRIBUTE);
        if (template != null) {
            return template.toString();
        }
        if (status == 404) {
            return "unmatched";
        }
        Object served = request.getAttribute(MAPPING_ATTRIBUTE);
        return served == null ? "unmatched" : served.toString();
    }

    /** What this dispatch is served by, in words bounded by the application's own mappings. */
    private static String served(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null) {
            return "unmatched";
        }
        return switch (mapping.getMappingMatch()) {
            case CONTEXT_ROOT -> "/";
            case DEFAULT -> "static";
            case EXACT, PATH -> mapping.getPattern();
            case EXTENSION -> request.getServletPath(); // a Faces view: one of ours, or a 404 ("unmatched")
        };
    }

    private static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    private Timer timer(String method, String route, String status) {
        return timers.computeIfAbsent(method + ' ' + route + ' ' + status, key -> registry.timer(NAME,
                new Tag("method", method), new Tag("route", route), new Tag("status", status)));
    }
}
