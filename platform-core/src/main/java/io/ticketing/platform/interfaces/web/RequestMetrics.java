package io.ticketing.platform.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Times every request as {@code http_server_requests_seconds} by method, route template and status class, on the
 * node's management port ({@code /metrics}). The route is what the request was served by, never its address: a JAX-RS
 * template ({@code /api/events/{id}}), a Faces view ({@code /event.xhtml}), a servlet's mapping, {@code static} for
 * files, or {@code unmatched} for a 404 nothing claimed. So the label's values are bounded by the code, not by what
 * clients send, and no tenant appears in them (docs/decisions.md, "Metrics"). Declared first in each web.xml, for
 * REQUEST and FORWARD: a shop's {@code /t/{slug}/...} address is forwarded, and the innermost dispatch names the route.
 */
public class RequestMetrics extends HttpFilter {

    /** Set by {@code RouteTemplates} for JAX-RS requests; otherwise the innermost servlet mapping decides. */
    public static final String ROUTE_ATTRIBUTE = RequestMetrics.class.getName() + ".route";
    private static final String MAPPING_ATTRIBUTE = RequestMetrics.class.getName() + ".mapping";
    static final String NAME = "http_server_requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Inject
    MetricRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(MAPPING_ATTRIBUTE, served(request));
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            timer(method(request.getMethod()), route(request, status), (status / 100) + "xx")
                    .update(Duration.ofNanos(System.nanoTime() - start));
        }
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
