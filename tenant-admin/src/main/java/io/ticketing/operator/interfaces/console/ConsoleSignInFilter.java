package io.ticketing.operator.interfaces.console;

import io.ticketing.operator.infrastructure.IdentityBootstrap;
import io.ticketing.operator.infrastructure.OperatorOidc;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The console's pages need an operator signed in through the {@code platform} realm with role
 * {@code operator}. The JSON API under /api checks bearer tokens itself, and Faces resources are free.
 */
@WebFilter(urlPatterns = "/*")
public class ConsoleSignInFilter extends HttpFilter {

    private static final String AUDIENCE = "operators";

    @Inject
    OperatorOidc oidc;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/jakarta.faces.resource/")) {
            chain.doFilter(request, response);
            return;
        }
        if (!oidc.isConfigured()) {
            ProblemPages.send(request, response, 503, "identity_unavailable", "The console is not available",
                    "No identity provider is configured (ticketing.keycloak.url), so no operator can sign in.");
            return;
        }
        switch (path) {
            case "/signin" -> OidcBrowserFlow.start(request, response, oidc.client(), callback(request), AUDIENCE,
                    request.getParameter("returnTo"), "/");
            case "/signin/callback" -> {
                var completed = OidcBrowserFlow.finish(request, response, oidc.client(), callback(request), AUDIENCE,
                        request.getContextPath() + "/");
                if (completed.isPresent()) {
                    var signIn = completed.get().signIn();
                    if (!signIn.roles().contains(IdentityBootstrap.OPERATOR_ROLE)) {
                        ProblemPages.send(request, response, 403, "forbidden", "Operators only",
                                signIn.email() + " is not a platform operator.");
                        return;
                    }
                    request.getSession().setAttribute(SignedInOperator.SESSION_ATTRIBUTE,
                            new SignedInOperator(signIn.email(), signIn.name(), signIn.idToken()));
                    response.sendRedirect(request.getContextPath() + completed.get().returnTo());
                }
            }
            case "/signout" -> {
                HttpSession session = request.getSession(false);
                SignedInOperator operator = session == null ? null
                        : (SignedInOperator) session.getAttribute(SignedInOperator.SESSION_ATTRIBUTE);
                if (session != null) {
                    session.invalidate();
                }
                URI after = URI.create(OidcBrowserFlow.absolute(request, request.getContextPath() + "/"));
                response.sendRedirect(operator == null ? after.toString()
                        : oidc.client().logout(operator.idToken(), after).toString());
            }
            default -> {
                HttpSession session = request.getSession(false);
                if (session == null || session.getAttribute(SignedInOperator.SESSION_ATTRIBUTE) == null) {
                    response.sendRedirect(request.getContextPath() + "/signin?returnTo="
                            + URLEncoder.encode(path, StandardCharsets.UTF_8));
                } else {
                    chain.doFilter(request, response);
                }
            }
        }
    }

    private static URI callback(HttpServletRequest request) {
        return URI.create(OidcBrowserFlow.absolute(request, request.getContextPath() + "/signin/callback"));
    }
}
