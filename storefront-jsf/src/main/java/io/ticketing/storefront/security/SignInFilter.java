package io.ticketing.storefront.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.platform.interfaces.web.TenantResolutionFilter;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signing in and out of a shop through its tenant's realm, and the gates in front of what needs
 * it: {@code /account/} (any signed-in buyer of this shop), {@code /manage/} (organizer-admin or
 * organizer-staff), {@code /api/} (a bearer token of this shop's realm, or a signed-in session).
 * Runs after {@link TenantResolutionFilter}, so the tenant is always known here.
 */
public class SignInFilter extends HttpFilter {

    public static final String API_CALLER = "ticketing.apiCaller";
    private static final String PENDING = "ticketing.pendingSignIns";
    private static final Logger LOG = Logger.getLogger(SignInFilter.class.getName());

    @Inject
    TenantOidc oidc;

    /** A sign-in the browser went off to complete at Keycloak. */
    private record Pending(long tenantId, String nonce, String verifier, String returnTo) implements Serializable {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Tenant> served = TenantContext.current();
        if (served.isEmpty()) {
            // A tenant-free path (Faces resources, the error page): nothing to sign in to.
            chain.doFilter(request, response);
            return;
        }
        Tenant tenant = served.get();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (path) {
            case "/signin" -> startSignIn(tenant, request, response);
            case "/signin/callback" -> finishSignIn(tenant, request, response);
            case "/signout" -> signOut(tenant, request, response);
            default -> {
                if (path.startsWith("/api/")) {
                    if (authenticateBearer(tenant, request, response)) {
                        chain.doFilter(request, response);
                    }
                } else if (path.startsWith("/account/") || path.startsWith("/manage/")) {
                    Optional<SignedInUser> user = current(request);
                    if (user.isEmpty()) {
                        response.sendRedirect(shopUrl(request, "/signin?returnTo=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
                    } else if (path.startsWith("/manage/") && !user.get().organizer()) {
                        ProblemPages.send(request, response, 403, "forbidden", "Staff only",
                                "The back office is for the organizer's staff. You are signed in as "
                                        + user.get().email() + ", which has no staff role in this shop.");
                    } else {
                        chain.doFilter(request, response);
                    }
                } else {
                    chain.doFilter(request, response);
                }
            }
        }
    }

    /** The signed-in user of this browser, if they signed in to the shop being served. */
    public static Optional<SignedInUser> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Optional<Tenant> served = TenantContext.current();
        if (session == null || served.isEmpty()
                || !(session.getAttribute(SignedInUser.SESSION_ATTRIBUTE) instanceof SignedInUser user)) {
            return Optional.empty();
        }
        return user.tenantId() == served.get().id() ? Optional.of(user) : Optional.empty();
    }

    private void startSignIn(Tenant tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!oidc.isConfigured()) {
            ProblemPages.send(request, response, 503, "sign_in_unavailable", "Sign-in is not available",
                    "This shop cannot sign you in at the moment. You can still browse events.");
            return;
        }
        String returnTo = request.getParameter("returnTo");
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//")) {
            returnTo = "/account/profile.xhtml";
        }
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        pending(request.getSession(true)).put(state.getValue(),
                new Pending(tenant.id(), nonce.getValue(), verifier.getValue(), returnTo));
        response.sendRedirect(oidc.authorizationRequest(tenant, callbackUri(request), state, nonce, verifier).toString());
    }

    private void finishSignIn(Tenant tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String state = request.getParameter("state");
        Pending pending = session == null || state == null ? null : pending(session).remove(state);
        if (pending == null || pending.tenantId() != tenant.id()) {
            ProblemPages.send(request, response, 400, "sign_in_expired", "Please sign in again",
                    "This sign-in link has expired or belongs to another shop. Start again from the shop's page.");
            return;
        }
        if (request.getParameter("error") != null) {
            response.sendRedirect(shopUrl(request, "/"));
            return;
        }
        try {
            SignedInUser user = oidc.signIn(tenant, request.getParameter("code"), callbackUri(request),
                    new CodeVerifier(pending.verifier()), new Nonce(pending.nonce()));
            request.changeSessionId(); // no session fixation across the sign-in
            request.getSession().setAttribute(SignedInUser.SESSION_ATTRIBUTE, user);
            response.sendRedirect(shopUrl(request, pending.returnTo()));
        } catch (TenantOidc.SignInException e) {
            LOG.log(Level.INFO, "Sign-in to {0} failed: {1}", new Object[] {tenant.slug(), e.getMessage()});
            ProblemPages.send(request, response, 401, "sign_in_failed", "Sign-in failed",
                    "We could not sign you in. Please try again.");
        }
    }

    private void signOut(Tenant tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SignedInUser> user = current(request);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        URI home = URI.create(absolute(request, shopUrl(request, "/")));
        response.sendRedirect(user.isPresent() && oidc.isConfigured()
                ? oidc.logout(tenant, user.get().idToken(), home).toString() : home.toString());
    }

    /** True when the request may go on; otherwise the 401 is written. */
    private boolean authenticateBearer(Tenant tenant, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            current(request).ifPresent(user -> request.setAttribute(API_CALLER, user));
            return true;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || !oidc.isConfigured()) {
            unauthorized(request, response, "Send an access token of this shop: Authorization: Bearer <token>");
            return false;
        }
        try {
            JWTClaimsSet claims = oidc.verifyAccessToken(tenant, header.substring(7).strip());
            String email = claims.getStringClaim("email");
            request.setAttribute(API_CALLER, new SignedInUser(tenant.id(), claims.getSubject(), email,
                    claims.getStringClaim("name") == null ? email : claims.getStringClaim("name"),
                    TenantOidc.roles(claims), null));
            return true;
        } catch (Exception e) {
            unauthorized(request, response, "The token is not valid for this shop");
            return false;
        }
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        ProblemPages.send(request, response, 401, "unauthorized", "Sign-in required", message);
        response.setHeader("WWW-Authenticate", "Bearer");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session) {
        Object map = session.getAttribute(PENDING);
        if (map == null) {
            map = new HashMap<String, Pending>();
            session.setAttribute(PENDING, map);
        }
        return (Map<String, Pending>) map;
    }

    /** A path of this shop as the browser should see it: with {@code /t/{slug}} when it came that way. */
    public static String shopUrl(HttpServletRequest request, String path) {
        Object prefix = request.getAttribute(TenantResolutionFilter.PATH_PREFIX_ATTRIBUTE);
        return request.getContextPath() + (prefix == null ? "" : prefix) + path;
    }

    private static URI callbackUri(HttpServletRequest request) {
        return URI.create(absolute(request, shopUrl(request, "/signin/callback")));
    }

    private static String absolute(HttpServletRequest request, String path) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + path;
    }
}
