package io.ticketing.storefront.shop;

import io.ticketing.platform.application.ShopBranding;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The shop's uploaded logo, {@code GET /brand/logo/{sha256}} (under {@code /t/{slug}/} or the shop's host): public,
 * named by its content hash, so it is cached for a year as immutable and a new upload is a new address. The logo is
 * looked up by the shop being served and the hash together: another shop's hash, or a replaced logo's, is a 404.
 */
@WebServlet(urlPatterns = "/brand/logo/*")
public class LogoServlet extends HttpServlet {

    @Inject
    ShopBranding branding;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String hash = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        Optional<ShopBranding.Logo> logo = branding.logo(hash);
        if (logo.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String etag = "\"" + hash + "\"";
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("ETag", etag);
        String asked = request.getHeader("If-None-Match");
        if (asked != null && (asked.contains(etag) || asked.strip().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(logo.get().contentType());
        response.setContentLength(logo.get().content().length);
        response.getOutputStream().write(logo.get().content());
    }
}
