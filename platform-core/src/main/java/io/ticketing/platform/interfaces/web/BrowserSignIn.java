package io.ticketing.platform.interfaces.web;

import io.ticketing.platform.infrastructure.security.OidcClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signing a person in and out of a web module through a Keycloak realm, written once for the shop
 * and the operator console: {@code /signin} (authorization code flow with PKCE, through
 * {@link OidcBrowserFlow}), {@code /signin/callback} and {@code /signout} (ending the realm's
 * session too). A module says which realm, where its pages live, and whom it lets in.
 */
public abstract class BrowserSignIn {

    /**
     * The path the container will serve, as it decoded and normalised it (servlet path plus path
     * info: no %-escapes, ;parameters or //), for the filters' decisions.
     */
    public static String servedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        // Path parameters (";x=1", ";jsessionid=...") are dropped as JAX-RS and Faces drop them when they match, so
        // "/api/manage;x=1/orders" is judged as the "/api/manage/orders" it reaches.
        String path = (servletPath + pathInfo).replaceAll(";[^/]*", "");
        return path.isEmpty() ? "/" : path;
    }

    /** The realm's client for this request; empty when no identity provider is configured. */
    protected abstract Optional<OidcClient> client(HttpServletRequest request);

    /** Whom sign-ins started here are for, so a callback meant for another site is refused. */
    protected abstract String audience(HttpServletRequest request);

    /** A path of this module as the browser sees it (with context path and any tenant prefix). */
    protected abstract String url(HttpServletRequest request, String path);

    /** Where a signed-in person goes when they came with no (local) page to return to. */
    protected abstract String defaultPage();

    /** The person may come in: keep them in the session; or answer the refusal and return false. */
    protected abstract boolean admit(HttpServletRequest request, HttpServletResponse response, OidcClient.SignIn signIn)
            throws IOException;

    /**
     * After a refresh: update who is signed in (their roles may have changed), or return false when
     * they may no longer be here, and the session ends.
     */
    protected abstract boolean keep(HttpServletRequest request, OidcClient.SignIn refreshed);

    /** The ID token of whoever is signed in to this module, for the realm's sign-out. */
    protected abstract Optional<String> idToken(HttpServletRequest request);

    /** Answers the browser when no identity provider is configured. */
    protected abstract void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /** Where a signed-in session stands after {@link #confirm}. */
    public enum Standing {
        /** Confirmed: roles are at most one access-token lifetime old. */
        SIGNED_IN,
        /** The session has ended (absolute lifetime, or the realm refused): treat the person as not signed in. */
        SIGNED_OUT,
        /** The realm could not be asked: do not let the person act on the old roles now. */
        UNCONFIRMED
    }

    /** How a signed-in session is kept honest: the realm is asked again when the access token runs out. */
    record Grant(OidcClient.SignIn signIn, Instant signedInAt) implements Serializable {

        enum Due { CURRENT, REFRESH, END }

        Due due(Instant now, Duration maxAge) {
            if (!now.isBefore(signedInAt.plus(maxAge))) {
                return Due.END;
            }
            return now.isBefore(signIn.accessExpiresAt()) ? Due.CURRENT : Due.REFRESH;
        }
    }

    static final String GRANT = "ticketing.signInGrant";
    /** However active, a session ends this long after its sign-in. */
    public static final Duration MAX_SESSION_AGE = Duration.ofHours(12);
    private static final Logger LOG = Logger.getLogger(BrowserSignIn.class.getName());

    /**
     * Re-checks the person signed in to this session, at least once per access-token lifetime: a
     * refresh brings their current roles (given to {@link #keep}); a realm that refuses (user
     * disabled or removed, realm session ended) ends the session here too, as does
     * {@link #MAX_SESSION_AGE} after sign-in, whatever the activity.
     */
    public Standing confirm(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Standing.SIGNED_OUT;
        }
        Grant grant = session.getAttribute(GRANT) instanceof Grant g ? g : null;
        Grant.Due due = grant == null ? Grant.Due.END : grant.due(Instant.now(), MAX_SESSION_AGE);
        if (due == Grant.Due.CURRENT) {
            return Standing.SIGNED_IN;
        }
        Optional<OidcClient> client = client(request);
        if (due == Grant.Due.REFRESH && client.isPresent()) {
            try {
                OidcClient.SignIn refreshed = client.get().refresh(grant.signIn());
                if (keep(request, refreshed)) {
                    session.setAttribute(GRANT, new Grant(refreshed, grant.signedInAt()));
                    return Standing.SIGNED_IN;
                }
            } catch (OidcClient.SignInRefusedException e) {
                LOG.log(Level.INFO, "Session of {0} ended: {1}", new Object[] {grant.signIn().email(), e.getMessage()});
            } catch (OidcClient.SignInException e) {
                LOG.log(Level.WARNING, "Session of {0} could not be confirmed: {1}", new Object[] {grant.signIn().email(), e.getMessage()});
                return Standing.UNCONFIRMED;
            }
        } else if (due == Grant.Due.REFRESH) {
            return Standing.UNCONFIRMED;
        }
        session.invalidate();
        return Standing.SIGNED_OUT;
    }

    /** Handles the sign-in paths; false for any other path. */
    public boolean handle(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (path) {
            case "/signin" -> start(request, response);
            case "/signin/callback" -> finish(request, response);
            case "/signout" -> signOut(request, response);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Sends a person who is not signed in to sign in, coming back to {@code path}. */
    public void requireSignIn(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(url(request, "/signin?returnTo=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<OidcClient> client = client(request);
        if (client.isEmpty()) {
            unavailable(request, response);
            return;
        }
        OidcBrowserFlow.start(request, response, client.get(), callback(request), audience(request),
                request.getParameter("returnTo"), defaultPage());
    }

    private void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<OidcClient> client = client(request);
        if (client.isEmpty()) {
            unavailable(request, response);
            return;
        }
        var completed = OidcBrowserFlow.finish(request, response, client.get(), callback(request), audience(request),
                url(request, "/"));
        if (completed.isPresent() && admit(request, response, completed.get().signIn())) {
            request.getSession().setAttribute(GRANT, new Grant(completed.get().signIn(), Instant.now()));
            response.sendRedirect(url(request, completed.get().returnTo()));
        }
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> idToken = idToken(request);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        URI home = URI.create(OidcBrowserFlow.absolute(request, url(request, "/")));
        Optional<OidcClient> client = client(request);
        response.sendRedirect(idToken.isPresent() && client.isPresent() ? client.get().logout(idToken.get(), home).toString()
                : home.toString());
    }

    private URI callback(HttpServletRequest request) {
        return URI.create(OidcBrowserFlow.absolute(request, url(request, "/signin/callback")));
    }
}
