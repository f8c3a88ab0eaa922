package io.ticketing.operator.interfaces.console;

import io.ticketing.operator.infrastructure.IdentityBootstrap;
import io.ticketing.operator.infrastructure.OperatorOidc;
import io.ticketing.platform.infrastructure.security.OidcClient;
import io.ticketing.platform.interfaces.web.BrowserSignIn;
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
import java.util.Optional;

/**
 * The console's pages need an operator signed in through the {@code platform} realm with role
 * {@code operator}. The JSON API under /api checks bearer tokens itself, and Faces resources are free.
 */
@WebFilter(urlPatterns = "/*")
public class ConsoleSignInFilter extends HttpFilter {

    private static final String AUDIENCE = "operators";

    @Inject
    OperatorOidc oidc;

    private final BrowserSignIn signIn = new BrowserSignIn() {
        @Override
        protected Optional<OidcClient> client(HttpServletRequest request) {
            return oidc.isConfigured() ? Optional.of(oidc.client()) : Optional.empty();
        }

        @Override
        protected String audience(HttpServletRequest request) {
            return AUDIENCE;
        }

        @Override
        protected String url(HttpServletRequest request, String path) {
            return request.getContextPath() + path;
        }

        @Override
        protected String defaultPage() {
            return "/";
        }

        @Override
        protected boolean admit(HttpServletRequest request, HttpServletResponse response, OidcClient.SignIn person)
                throws IOException {
            if (!keep(request, person)) {
                ProblemPages.send(request, response, 403, "forbidden", "Operators only", person.email() + " is not a platform operator.");
                return false;
            }
            return true;
        }

        @Override
        protected boolean keep(HttpServletRequest request, OidcClient.SignIn person) {
            if (!person.roles().contains(IdentityBootstrap.OPERATOR_ROLE)) {
                return false;
            }
            request.getSession().setAttribute(SignedInOperator.SESSION_ATTRIBUTE,
                    new SignedInOperator(person.email(), person.name(), person.idToken()));
            return true;
        }

        @Override
        protected Optional<String> idToken(HttpServletRequest request) {
            return operator(request).map(SignedInOperator::idToken);
        }

        @Override
        protected void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ProblemPages.send(request, response, 503, "identity_unavailable", "The console is not available",
                    "No identity provider is configured (ticketing.keycloak.url), so no operator can sign in.");
        }
    };

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Never the raw URI: /api/..;/index.xhtml or /api/%2e%2e/index.xhtml would start like a free path there.
        String path = BrowserSignIn.servedPath(request);
        if (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/jakarta.faces.resource/")) {
            chain.doFilter(request, response);
        } else if (!oidc.isConfigured()) {
            signIn.handle("/signin", request, response); // every page: sign-in is not available here
        } else if (!signIn.handle(path, request, response)) {
            BrowserSignIn.Standing standing = operator(request).isEmpty() ? BrowserSignIn.Standing.SIGNED_OUT : signIn.confirm(request);
            if (standing == BrowserSignIn.Standing.SIGNED_OUT) {
                signIn.requireSignIn(path, request, response);
            } else if (standing == BrowserSignIn.Standing.UNCONFIRMED) {
                ProblemPages.send(request, response, 503, "identity_unavailable", "Sign-in cannot be confirmed",
                        "The identity provider cannot confirm your sign-in at the moment. Please try again in a minute.");
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    private static Optional<SignedInOperator> operator(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SignedInOperator.SESSION_ATTRIBUTE) instanceof SignedInOperator operator
                ? Optional.of(operator) : Optional.empty();
    }
}
