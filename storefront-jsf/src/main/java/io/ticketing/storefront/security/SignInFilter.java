package io.ticketing.storefront.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.OidcClient;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.interfaces.web.BrowserSignIn;
import io.ticketing.platform.interfaces.web.ProblemPages;
import io.ticketing.platform.interfaces.web.TenantResolutionFilter;
import io.ticketing.storefront.shop.Formats;
import io.ticketing.storefront.shop.ShopPageServlet;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Signing in and out of a shop through its tenant's realm, and the gates in front of what needs
 * it: {@code /account/} (any signed-in buyer of this shop), {@code /manage/} and {@code /api/manage/} (the roles
 * {@link BackOfficeArea} names for each part), {@code /api/} (a bearer token of this shop's realm, or a signed-in session).
 * Runs after {@link TenantResolutionFilter}, so the tenant is always known here.
 */
public class SignInFilter extends HttpFilter {

    public static final String API_CALLER = "ticketing.apiCaller";

    @Inject
    TenantOidc oidc;

    private final BrowserSignIn signIn = new BrowserSignIn() {
        @Override
        protected Optional<OidcClient> client(HttpServletRequest request) {
            return oidc.isConfigured() ? Optional.of(oidc.of(TenantContext.require())) : Optional.empty();
        }

        @Override
        protected String audience(HttpServletRequest request) {
            return "tenant:" + TenantContext.require().id();
        }

        @Override
        protected String url(HttpServletRequest request, String path) {
            return shopUrl(request, path);
        }

        @Override
        protected String defaultPage() {
            return "/account/profile.xhtml";
        }

        @Override
        protected boolean admit(HttpServletRequest request, HttpServletResponse response, OidcClient.SignIn person) {
            return keep(request, person);
        }

        /** Anyone of the shop's realm may sign in; their roles (new ones, after a refresh) decide what they reach. */
        @Override
        protected boolean keep(HttpServletRequest request, OidcClient.SignIn person) {
            request.getSession().setAttribute(SignedInUser.SESSION_ATTRIBUTE, new SignedInUser(TenantContext.require().id(),
                    person.subject(), person.email(), person.name(), person.roles(), person.idToken()));
            return true;
        }

        @Override
        protected Optional<String> idToken(HttpServletRequest request) {
            return current(request).map(SignedInUser::idToken);
        }

        @Override
        protected void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
            refuse(request, response, 503, "sign_in_unavailable", "signin.unavailable.title", "signin.unavailable.message");
        }
    };

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
        // Never the raw URI: it would let "/api/%6danage/" past a check for "/api/manage/".
        String path = BrowserSignIn.servedPath(request);
        if (signIn.handle(path, request, response)) {
            return;
        }
        boolean guarded = path.startsWith("/api/") || path.startsWith("/account/") || path.startsWith("/manage/");
        // Roles are re-checked with the realm once per access-token lifetime; a session past its lifetime, or
        // of someone the realm no longer knows, ends here.
        if (current(request).isPresent() && signIn.confirm(request) == BrowserSignIn.Standing.UNCONFIRMED && guarded) {
            refuse(request, response, 503, "sign_in_unavailable", "signin.unconfirmed.title", "signin.unconfirmed.message");
            return;
        }
        if (path.startsWith("/api/")) {
            if (authenticateBearer(tenant, request, response) && mayManage(path, request, response)) {
                chain.doFilter(request, response);
            }
        } else if (path.startsWith("/account/") || path.startsWith("/manage/")) {
            Optional<SignedInUser> user = current(request);
            if (user.isEmpty()) {
                signIn.requireSignIn(path, request, response);
            } else if (path.startsWith("/manage/") && !opens(path, user.get())) {
                Formats text = new Formats(ShopPageServlet.readersLanguage(request));
                List<BackOfficeArea.Role> people = BackOfficeArea.ofPage(path).map(BackOfficeArea::roles)
                        .orElse(List.of(BackOfficeArea.Role.ADMIN, BackOfficeArea.Role.STAFF));
                List<String> theirs = BackOfficeArea.Role.of(user.get());
                ProblemPages.send(request, response, 403, "forbidden", text.text("backoffice.refused.title"),
                        text.text("backoffice.refused.message", listed(text, people.stream()
                                        .map(r -> text.text("backoffice.people." + r.name().toLowerCase(java.util.Locale.ROOT))).toList()),
                                user.get().email(), theirs.isEmpty() ? text.text("backoffice.refused.noRole") : String.join(", ", theirs)),
                        text.getLocale());
            } else {
                chain.doFilter(request, response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    /** A page (or JSON) refusal in the reader's language. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                               String titleKey, String messageKey) throws IOException {
        Formats text = new Formats(ShopPageServlet.readersLanguage(request));
        ProblemPages.send(request, response, status, code, text.text(titleKey), text.text(messageKey), text.getLocale());
    }

    /** "a, b and c" in the reader's language. */
    private static String listed(Formats text, List<String> items) {
        return items.size() == 1 ? items.get(0)
                : text.text("backoffice.people.and", String.join(", ", items.subList(0, items.size() - 1)), items.get(items.size() - 1));
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

    /** Whether {@code user} may open the back-office page at {@code path} ({@link BackOfficeArea}; other pages: organizers). */
    private static boolean opens(String path, SignedInUser user) {
        return BackOfficeArea.ofPage(path).map(area -> area.opensFor(user)).orElseGet(user::organizer);
    }

    /**
     * The organizer API ({@code /api/manage/}) by {@link BackOfficeArea}: an area's writers may do anything there, its
     * readers only GET; a path no area claims is for organizer admins and staff. True when the request may go on.
     */
    private static boolean mayManage(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!path.startsWith("/api/manage/")) {
            return true;
        }
        if (!(request.getAttribute(API_CALLER) instanceof SignedInUser caller)) {
            unauthorized(request, response, "Send an access token of this shop: Authorization: Bearer <token>");
            return false;
        }
        if (!BackOfficeArea.apiAllows(path, caller, request.getMethod())) {
            ProblemPages.send(request, response, 403, "forbidden", "Not for your role", BackOfficeArea.apiRefusal(path, caller));
            return false;
        }
        return true;
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
            JWTClaimsSet claims = oidc.of(tenant).verifyAccessToken(header.substring(7).strip());
            String email = claims.getStringClaim("email");
            request.setAttribute(API_CALLER, new SignedInUser(tenant.id(), claims.getSubject(), email,
                    claims.getStringClaim("name") == null ? email : claims.getStringClaim("name"),
                    OidcClient.roles(claims), null));
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

    /** A path of this shop as the browser should see it: with {@code /t/{slug}} when it came that way. */
    public static String shopUrl(HttpServletRequest request, String path) {
        Object prefix = request.getAttribute(TenantResolutionFilter.PATH_PREFIX_ATTRIBUTE);
        return request.getContextPath() + (prefix == null ? "" : prefix) + path;
    }

}
