package io.ticketing.platform.interfaces.rest;

import io.ticketing.platform.interfaces.web.RequestTelemetry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Names a JAX-RS request by the template of the resource method that serves it, for {@link RequestTelemetry}. */
@Provider
public class RouteTemplates implements ContainerRequestFilter {

    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        Method method = resource.getResourceMethod();
        if (method != null && request != null) {
            request.setAttribute(RequestTelemetry.ROUTE_ATTRIBUTE, TEMPLATES.computeIfAbsent(method, this::template));
        }
    }

    private String template(Method method) {
        StringBuilder route = new StringBuilder(request.getServletPath());
        Class<?> type = resource.getResourceClass();
        append(route, type.getAnnotation(Path.class));
        append(route, method.getAnnotation(Path.class));
        return route.length() == 0 ? "/" : route.toString();
    }

    private static void append(StringBuilder route, Path path) {
        if (path == null || path.value().isEmpty() || path.value().equals("/")) {
            return;
        }
        if (route.length() == 0 || route.charAt(route.length() - 1) != '/') {
            route.append('/');
        }
        route.append(path.value().replaceAll("^/+|/+$", "").replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}"));
    }
}
