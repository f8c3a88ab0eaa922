package io.ticketing.storefront;

import io.ticketing.platform.interfaces.web.TenantResolutionFilter;
import io.ticketing.storefront.shop.ShopPageServlet;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps links and form actions inside {@code /t/{slug}/} when a shop was reached by path, so the
 * next request resolves to the same tenant. Resource URLs stay tenant-free. And a view's language is
 * the one the reader chose in the switcher ({@link LanguageChoice}), else Faces' pick from
 * Accept-Language among faces-config's locales.
 */
public class TenantPathViewHandler extends ViewHandlerWrapper {

    public TenantPathViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    /** A view reached by a shop address ({@code /events/7}) posts back to that address, not to its .xhtml. */
    @Override
    public Locale calculateLocale(FacesContext context) {
        if (context.getExternalContext().getRequest() instanceof HttpServletRequest request) {
            Optional<Locale> chosen = LanguageChoice.chosen(request);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return super.calculateLocale(context);
    }

    @Override
    public String getActionURL(FacesContext context, String viewId) {
        Object served = context.getExternalContext().getRequestMap().get(ShopPageServlet.SERVED_ADDRESS);
        boolean ownView = context.getViewRoot() != null && viewId.equals(context.getViewRoot().getViewId());
        return withTenantPrefix(context, served != null && ownView
                ? context.getExternalContext().getRequestContextPath() + served
                : super.getActionURL(context, viewId));
    }

    @Override
    public String getBookmarkableURL(FacesContext context, String viewId, Map<String, List<String>> parameters,
                                     boolean includeViewParams) {
        return withTenantPrefix(context, super.getBookmarkableURL(context, viewId, parameters, includeViewParams));
    }

    @Override
    public String getRedirectURL(FacesContext context, String viewId, Map<String, List<String>> parameters,
                                 boolean includeViewParams) {
        return withTenantPrefix(context, super.getRedirectURL(context, viewId, parameters, includeViewParams));
    }

    static String withTenantPrefix(FacesContext context, String url) {
        Object prefix = context.getExternalContext().getRequestMap().get(TenantResolutionFilter.PATH_PREFIX_ATTRIBUTE);
        String contextPath = context.getExternalContext().getRequestContextPath();
        if (prefix == null || !url.startsWith(contextPath + "/") || url.startsWith(contextPath + prefix + "/")) {
            return url;
        }
        return contextPath + prefix + url.substring(contextPath.length());
    }
}
