package io.ticketing.platform.infrastructure.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.Serializable;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OpenID Connect with one Keycloak realm (one issuer) as one confidential client: the
 * authorization-code flow with PKCE for browsers, and access-token checks for APIs (signature with
 * that realm's keys only, issuer, expiry, and that the token was issued to this client). Keys are
 * fetched once and cached per instance, so keep one instance per realm.
 */
public final class OidcClient {

    /**
     * A completed sign-in, or one confirmed again by a refresh: who, their roles now, and what keeps
     * checking them (the refresh token; the roles hold until the access token expires).
     */
    public record SignIn(String subject, String email, String name, Set<String> roles, String idToken, String refreshToken,
                         Instant accessExpiresAt) implements Serializable {
    }

    /** The sign-in failed in a way the person should be told about (and may retry). */
    public static class SignInException extends Exception {
        public SignInException(String message) {
            super(message);
        }
    }

    /** The realm answered and refused: the session there has ended, or the user was disabled or removed. */
    public static class SignInRefusedException extends SignInException {
        public SignInRefusedException(String message) {
            super(message);
        }
    }

    private final String issuer;
    private final String clientId;
    private final Supplier<String> clientSecret;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> accessTokens = new DefaultJWTProcessor<>();
    /**
     * Access tokens this instance has verified, until they expire. A buyer's client sends one token
     * with every request, and parsing plus an RSA check cost more node CPU than the hold itself.
     * Keyed by the whole token, so only the exact verified bytes match; bounded by starting over.
     */
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();
    static final int MAX_REMEMBERED_TOKENS = 10_000;

    /** @param clientSecret read when needed, so a secret stored elsewhere is fetched only at sign-in */
    public OidcClient(String issuer, String clientId, Supplier<String> clientSecret) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            this.keys = JWKSourceBuilder.create(URI.create(issuer + "/protocol/openid-connect/certs").toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not an issuer URL: " + issuer, e);
        }
        accessTokens.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        accessTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "azp")));
    }

    public String issuer() {
        return issuer;
    }

    /**
     * Where to send the browser to sign in; state, nonce and verifier are the caller's to keep.
     * {@code language} (a BCP 47 tag, or null) asks the realm's pages for the reader's language.
     */
    public URI authorizationRequest(URI redirectUri, State state, Nonce nonce, CodeVerifier verifier, String language) {
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "email", "profile"), new ClientID(clientId), redirectUri)
                .endpointURI(URI.create(issuer + "/protocol/openid-connect/auth"))
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (language != null) {
            try {
                request.uiLocales(java.util.List.of(com.nimbusds.langtag.LangTag.parse(language)));
            } catch (com.nimbusds.langtag.LangTagException e) {
                // not a language tag: the realm's own default then
            }
        }
        return request.build().toURI();
    }

    /** Exchanges the code, checks the ID token (issuer, audience, nonce, signature) and reads the roles. */
    public SignIn signIn(String code, URI redirectUri, CodeVerifier verifier, Nonce nonce) throws SignInException {
        try {
            TokenRequest request = new TokenRequest(URI.create(issuer + "/protocol/openid-connect/token"),
                    new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret.get())),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier));
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                throw new SignInException("The identity provider refused the sign-in: "
                        + response.toErrorResponse().getErrorObject().getDescription());
            }
            OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
            JWT idToken = tokens.getOIDCTokens().getIDToken();
            var id = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId),
                    new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), null).validate(idToken, nonce);
            JWTClaimsSet access = verifyAccessToken(tokens.getOIDCTokens().getAccessToken().getValue());
            String email = (String) id.getClaim("email");
            String name = (String) id.getClaim("name");
            return new SignIn(id.getSubject().getValue(), email, name == null || name.isBlank() ? email : name,
                    roles(access), idToken.serialize(), refreshToken(tokens.getOIDCTokens().getRefreshToken()),
                    access.getExpirationTime().toInstant());
        } catch (SignInException e) {
            throw e;
        } catch (Exception e) {
            throw new SignInException("The sign-in could not be completed: " + e.getMessage());
        }
    }

    /**
     * Asks the realm again, with the refresh token, who the person is now: their current roles and a
     * new access-token expiry. A disabled or removed user, or a realm session that ended, is a
     * {@link SignInRefusedException}; a realm that cannot be reached a plain {@link SignInException}.
     */
    public SignIn refresh(SignIn before) throws SignInException {
        if (before.refreshToken() == null) {
            throw new SignInRefusedException("No refresh token was issued for this sign-in");
        }
        TokenResponse response;
        try {
            TokenRequest request = new TokenRequest(URI.create(issuer + "/protocol/openid-connect/token"),
                    new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret.get())),
                    new RefreshTokenGrant(new RefreshToken(before.refreshToken())));
            HTTPResponse answer = request.toHTTPRequest().send();
            if (answer.getStatusCode() >= 500) {
                throw new SignInException("The identity provider failed (HTTP " + answer.getStatusCode() + ")");
            }
            response = OIDCTokenResponseParser.parse(answer);
        } catch (SignInException e) {
            throw e;
        } catch (Exception e) {
            throw new SignInException("The identity provider could not be asked: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            throw new SignInRefusedException("The identity provider refused: "
                    + response.toErrorResponse().getErrorObject().getDescription());
        }
        try {
            var tokens = response.toSuccessResponse().getTokens();
            JWTClaimsSet access = verifyAccessToken(tokens.getAccessToken().getValue());
            if (!before.subject().equals(access.getSubject())) {
                throw new SignInRefusedException("The refreshed token is for someone else");
            }
            String idToken = tokens instanceof com.nimbusds.openid.connect.sdk.token.OIDCTokens oidc && oidc.getIDToken() != null
                    ? oidc.getIDToken().serialize() : before.idToken();
            String refreshToken = tokens.getRefreshToken() == null ? before.refreshToken() : tokens.getRefreshToken().getValue();
            String email = access.getStringClaim("email");
            String name = access.getStringClaim("name");
            return new SignIn(before.subject(), email == null ? before.email() : email,
                    name == null || name.isBlank() ? before.name() : name, roles(access), idToken, refreshToken,
                    access.getExpirationTime().toInstant());
        } catch (SignInException e) {
            throw e;
        } catch (Exception e) {
            throw new SignInRefusedException("The refreshed token is not valid: " + e.getMessage());
        }
    }

    private static String refreshToken(RefreshToken token) {
        return token == null ? null : token.getValue();
    }

    /** The token's claims when it was issued by this realm to this client and is still valid. */
    public JWTClaimsSet verifyAccessToken(String token) throws Exception {
        JWTClaimsSet known = verified.get(token);
        if (known != null) {
            if (known.getExpirationTime().after(new Date())) {
                return known;
            }
            verified.remove(token);
        }
        // Another realm's token is refused on its unverified issuer, before any key is looked up: its
        // unknown key id would otherwise send us to fetch this realm's keys again, and a rate-limited
        // or unreachable key endpoint would turn a plain "not yours" into "identity unavailable".
        JWT parsed = JWTParser.parse(token); // parsed once: the issuer check and the verification share it
        if (!issuer.equals(parsed.getJWTClaimsSet().getIssuer())) {
            throw new SignInException("The token was issued by another realm");
        }
        JWTClaimsSet claims = accessTokens.process(parsed, null);
        if (!clientId.equals(claims.getStringClaim("azp"))) {
            throw new SignInException("The token was issued to another client");
        }
        if (verified.size() >= MAX_REMEMBERED_TOKENS) {
            verified.clear();
        }
        verified.put(token, claims);
        return claims;
    }

    /** How many verified tokens are remembered (for tests). */
    int rememberedTokens() {
        return verified.size();
    }

    public URI logout(String idTokenHint, URI afterLogout) {
        return URI.create(issuer + "/protocol/openid-connect/logout?client_id=" + clientId
                + "&id_token_hint=" + idTokenHint
                + "&post_logout_redirect_uri=" + URLEncoder.encode(afterLogout.toString(), StandardCharsets.UTF_8));
    }

    public URI accountConsole() {
        return URI.create(issuer + "/account");
    }

    @SuppressWarnings("unchecked")
    public static Set<String> roles(JWTClaimsSet claims) {
        Object access = claims.getClaim("realm_access");
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof List<?> list) {
            return new HashSet<>((List<String>) list);
        }
        return Set.of();
    }
}
