package io.ticketing.platform.interfaces.web;

import io.ticketing.platform.infrastructure.security.OidcClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Signing a person in and out of a web module through a Keycloak realm, written once for the shop
 * and the operator console: {@code /signin} (authorization code flow with PKCE, through
 * {@link OidcBrowserFlow}), {@code /signin/callback} and {@code /signout} (ending the realm's
 * session too). A module says which realm, where its pages live, and whom it lets in.
 */
public abstract class BrowserSignIn {

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

    /** The ID token of whoever is signed in to this module, for the realm's sign-out. */
    protected abstract Optional<String> idToken(HttpServletRequest request);

    /** Answers the browser when no identity provider is configured. */
    protected abstract void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException;

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
