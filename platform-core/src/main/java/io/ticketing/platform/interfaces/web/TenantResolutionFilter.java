package io.ticketing.platform.interfaces.web;

import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.infrastructure.persistence.DatabaseOutage;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.application.TenantDirectory;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts every request of a tenant-facing application in its tenant's context, or answers it
 * (unknown shop 404, closed shop 503). Requests that came by {@code /t/{slug}/...} are forwarded
 * to the inner path, so pages and resources are written once for both ways of reaching a shop.
 *
 * <p>Init parameters: {@code tenantFreePaths} (comma-separated path prefixes served without a
 * tenant, e.g. Faces resources) and {@code homePath} (what {@code /t/{slug}/} shows).
 */
public class TenantResolutionFilter extends HttpFilter {

    /** Request attribute: the {@link Tenant} being served. */
    public static final String TENANT_ATTRIBUTE = "ticketing.tenant";
    /** Request attribute: {@code /t/slug} when the tenant came from the path, else absent. */
    public static final String PATH_PREFIX_ATTRIBUTE = "ticketing.tenantPathPrefix";

    private static final Logger LOG = Logger.getLogger(TenantResolutionFilter.class.getName());

    @Inject
    TenantDirectory tenants;

    private TenantResolver resolver;
    private List<String> tenantFreePaths = List.of();
    private String homePath = "/index.xhtml";

    @Override
    public void init() {
        resolver = new TenantResolver(new TenantResolver.Directory() {
            @Override
            public Optional<Tenant> byHost(String host) {
                return tenants.byHost(host);
            }

            @Override
            public Optional<Tenant> bySlug(TenantSlug slug) {
                return tenants.bySlug(slug);
            }
        });
        String free = getInitParameter("tenantFreePaths");
        if (free != null) {
            tenantFreePaths = Arrays.stream(free.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        String home = getInitParameter("homePath");
        if (home != null) {
            homePath = home;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty()) {
            path = "/";
        }
        TenantResolution resolution;
        try {
            resolution = resolver.resolve(request.getHeader("Host"), path);
        } catch (PlatformDataException e) {
            LOG.log(Level.WARNING, "Tenant registry unavailable", e);
            ProblemPages.send(request, response, 503, "service_unavailable", "Temporarily unavailable",
                    "The ticket shop cannot be reached right now. Please try again in a minute.");
            return;
        }
        if (resolution instanceof TenantResolution.Open open) {
            serve(open, request, response, chain);
        } else if (resolution instanceof TenantResolution.Closed closed) {
            ProblemPages.send(request, response, 503, "shop_closed", "This shop is closed",
                    closed.tenant().displayName() + " is not selling tickets at the moment. Please come back later.");
        } else if (resolution instanceof TenantResolution.AddTrailingSlash redirect) {
            String query = request.getQueryString();
            response.sendRedirect(request.getContextPath() + redirect.location() + (query == null ? "" : "?" + query));
        } else if (resolution instanceof TenantResolution.NoTenant none
                && tenantFreePaths.stream().anyMatch(none.path()::startsWith)) {
            chain.doFilter(request, response);
        } else {
            ProblemPages.send(request, response, 404, "tenant_not_found", "No shop here",
                    "There is no ticket shop at this address. Shops are reached by their own host name"
                            + " or at /t/{shop}/.");
        }
    }

    private void serve(TenantResolution.Open open, HttpServletRequest request, HttpServletResponse response,
                       FilterChain chain) throws IOException, ServletException {
        request.setAttribute(TENANT_ATTRIBUTE, open.tenant());
        try (TenantContext.Scope ignored = TenantContext.enter(open.tenant())) {
            if (!open.byPath()) {
                chain.doFilter(request, response);
                return;
            }
            request.setAttribute(PATH_PREFIX_ATTRIBUTE, open.pathPrefix());
            String inner = open.innerPath().equals("/") ? homePath : open.innerPath();
            request.getRequestDispatcher(inner).forward(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            // The tenant may come from the directory's memory while the database is already gone: the page then
            // fails further in. That is the same outage, and gets the same answer as a failed lookup, not a 500.
            if (response.isCommitted() || !DatabaseOutage.isCause(e)) {
                throw e;
            }
            LOG.log(Level.WARNING, "Database unavailable while serving a shop", e);
            response.reset();
            ProblemPages.send(request, response, 503, "service_unavailable", "Temporarily unavailable",
                    "The ticket shop cannot be reached right now. Please try again in a minute.");
        }
    }
}
