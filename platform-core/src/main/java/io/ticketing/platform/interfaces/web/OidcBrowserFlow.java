package io.ticketing.platform.interfaces.web;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.ticketing.platform.infrastructure.security.OidcClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The browser half of an OpenID Connect sign-in: sends the browser to the realm with a fresh
 * state, nonce and PKCE verifier kept in the session, and on its way back checks them, exchanges the
 * code and renews the session id. {@code audience} names who the sign-in is for (a tenant, the
 * operators), so a callback can only complete a sign-in that the same audience started.
 */
public final class OidcBrowserFlow {

    private static final String PENDING = "ticketing.pendingSignIns";
    private static final Logger LOG = Logger.getLogger(OidcBrowserFlow.class.getName());

    private record Pending(String audience, String nonce, String verifier, String returnTo) implements Serializable {
    }

    /** What came back: who signed in, and the local page they were headed for. */
    public record Completed(OidcClient.SignIn signIn, String returnTo) {
    }

    /** The cookie a shop keeps its reader's language choice in (set by the storefront's language links). */
    public static final String LANGUAGE_COOKIE = "lang";

    private OidcBrowserFlow() {
    }

    /** Redirects to the realm's sign-in page; {@code returnTo} must be a local path or it is replaced by {@code fallback}. */
    public static void start(HttpServletRequest request, HttpServletResponse response, OidcClient client,
                             URI callback, String audience, String returnTo, String fallback) throws IOException {
        if (!isLocalPath(returnTo)) {
            returnTo = fallback;
        }
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        pending(request.getSession(true)).put(state.getValue(),
                new Pending(audience, nonce.getValue(), verifier.getValue(), returnTo));
        response.sendRedirect(client.authorizationRequest(callback, state, nonce, verifier, language(request)).toString());
    }

    /**
     * The reader's language for the realm's pages: the shop's language choice (its {@code lang}
     * cookie) where made, else the browser's first; the realm offers en, de and zh-CN.
     */
    static String language(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
                if (LANGUAGE_COOKIE.equals(cookie.getName()) && cookie.getValue().matches("en|de|zh-CN")) {
                    return cookie.getValue();
                }
            }
        }
        java.util.Locale locale = request.getLocale();
        return locale == null || locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
    }

    /**
     * Whether a browser sent to {@code path} stays on this site: one leading slash, then no second
     * slash or backslash (browsers read {@code /\\host} as {@code //host}), no whitespace or control
     * characters (which browsers strip, turning {@code /\t/host} into {@code //host}).
     */
    public static boolean isLocalPath(String path) {
        if (path == null || path.length() < 1 || path.charAt(0) != '/') {
            return false;
        }
        if (path.length() > 1 && (path.charAt(1) == '/' || path.charAt(1) == '\\')) {
            return false;
        }
        return path.chars().noneMatch(c -> c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /**
     * Completes the sign-in, or answers the browser itself (expired or foreign state 400, refused
     * sign-in 401) and returns empty. When the person cancelled at the realm, returns empty after
     * redirecting to {@code cancelled}.
     */
    public static Optional<Completed> finish(HttpServletRequest request, HttpServletResponse response, OidcClient client,
                                             URI callback, String audience, String cancelled) throws IOException {
        HttpSession session = request.getSession(false);
        String state = request.getParameter("state");
        Pending pending = session == null || state == null ? null : pending(session).remove(state);
        if (pending == null || !pending.audience().equals(audience)) {
            ProblemPages.send(request, response, 400, "sign_in_expired", "Please sign in again",
                    "This sign-in link has expired or was meant for another site. Start again from the page you were on.");
            return Optional.empty();
        }
        if (request.getParameter("error") != null) {
            response.sendRedirect(cancelled);
            return Optional.empty();
        }
        try {
            OidcClient.SignIn signIn = client.signIn(request.getParameter("code"), callback,
                    new CodeVerifier(pending.verifier()), new Nonce(pending.nonce()));
            request.changeSessionId(); // no session fixation across the sign-in
            return Optional.of(new Completed(signIn, pending.returnTo()));
        } catch (OidcClient.SignInException e) {
            LOG.log(Level.INFO, "Sign-in for {0} failed: {1}", new Object[] {audience, e.getMessage()});
            ProblemPages.send(request, response, 401, "sign_in_failed", "Sign-in failed", "We could not sign you in. Please try again.");
            return Optional.empty();
        }
    }

    /** The absolute URL of a path on the host and port this request came in on. */
    public static String absolute(HttpServletRequest request, String path) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> pending(HttpSession session) {
        synchronized (session) {
            Object map = session.getAttribute(PENDING);
            if (map == null) {
                map = new HashMap<String, Pending>();
                session.setAttribute(PENDING, map);
            }
            return (Map<String, Pending>) map;
        }
    }
}
