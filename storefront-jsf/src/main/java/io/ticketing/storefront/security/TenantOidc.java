package io.ticketing.storefront.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
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
import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * OpenID Connect against each tenant's own Keycloak realm: the authorization-code flow with PKCE
 * for browsers, and bearer-token checks for API calls. Keys, validators and processors are kept
 * per realm, so one tenant's keys never check another tenant's tokens.
 */
@ApplicationScoped
public class TenantOidc {

    public static final String CLIENT_ID = "storefront";

    @Inject
    @ConfigProperty(name = "ticketing.keycloak.url")
    Optional<String> keycloakUrl;

    @Inject
    TenantSecrets secrets;

    private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();
    private final Map<String, DefaultJWTProcessor<SecurityContext>> accessTokenProcessors = new ConcurrentHashMap<>();

    public boolean isConfigured() {
        return keycloakUrl.isPresent();
    }

    /** The issuer of the tenant's tokens: {@code <keycloak>/realms/tenant-<slug>}. */
    public String issuer(Tenant tenant) {
        return keycloakUrl.orElseThrow(() -> new IllegalStateException("ticketing.keycloak.url is not set"))
                .replaceAll("/+$", "") + "/realms/" + TenantRealmTemplate.realmName(tenant.slug().value());
    }

    /** Where to send the browser to sign in; state, nonce and verifier are the caller's to keep. */
    public URI authorizationRequest(Tenant tenant, URI redirectUri, State state, Nonce nonce, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"),
                new ClientID(CLIENT_ID), redirectUri)
                .endpointURI(URI.create(issuer(tenant) + "/protocol/openid-connect/auth"))
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Exchanges the code, checks the ID token (issuer, audience, nonce, signature) and reads the roles. */
    public SignedInUser signIn(Tenant tenant, String code, URI redirectUri, CodeVerifier verifier, Nonce nonce)
            throws SignInException {
        try {
            TokenRequest request = new TokenRequest(URI.create(issuer(tenant) + "/protocol/openid-connect/token"),
                    new ClientSecretBasic(new ClientID(CLIENT_ID), new Secret(secrets.storefrontClientSecret(tenant))),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier));
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                throw new SignInException("The identity provider refused the sign-in: "
                        + response.toErrorResponse().getErrorObject().getDescription());
            }
            OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
            JWT idToken = tokens.getOIDCTokens().getIDToken();
            var idClaims = new IDTokenValidator(new Issuer(issuer(tenant)), new ClientID(CLIENT_ID),
                    new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys(tenant)), null)
                    .validate(idToken, nonce);
            JWTClaimsSet access = verifyAccessToken(tenant, tokens.getOIDCTokens().getAccessToken().getValue());
            String email = (String) idClaims.getClaim("email");
            String name = (String) idClaims.getClaim("name");
            return new SignedInUser(tenant.id(), idClaims.getSubject().getValue(), email,
                    name == null || name.isBlank() ? email : name, roles(access), idToken.serialize());
        } catch (SignInException e) {
            throw e;
        } catch (Exception e) {
            throw new SignInException("The sign-in could not be completed: " + e.getMessage());
        }
    }

    /**
     * Checks a bearer token against the tenant's realm: signature with that realm's keys, issuer,
     * expiry, and that it was issued to the storefront client.
     */
    public JWTClaimsSet verifyAccessToken(Tenant tenant, String token) throws Exception {
        JWTClaimsSet claims = accessTokenProcessors.computeIfAbsent(issuer(tenant), issuer -> {
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys(tenant)));
            p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "azp")));
            return p;
        }).process(token, null);
        if (!CLIENT_ID.equals(claims.getStringClaim("azp"))) {
            throw new SignInException("The token was issued to another client");
        }
        return claims;
    }

    public URI logout(Tenant tenant, String idTokenHint, URI afterLogout) {
        return URI.create(issuer(tenant) + "/protocol/openid-connect/logout?client_id=" + CLIENT_ID
                + "&id_token_hint=" + idTokenHint
                + "&post_logout_redirect_uri=" + java.net.URLEncoder.encode(afterLogout.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    public URI accountConsole(Tenant tenant) {
        return URI.create(issuer(tenant) + "/account");
    }

    @SuppressWarnings("unchecked")
    public static Set<String> roles(JWTClaimsSet claims) {
        Object access = claims.getClaim("realm_access");
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof List<?> list) {
            return new HashSet<>((List<String>) list);
        }
        return Set.of();
    }

    private JWKSource<SecurityContext> keys(Tenant tenant) {
        return keys.computeIfAbsent(issuer(tenant), issuer -> {
            try {
                return JWKSourceBuilder.create(new URL(issuer + "/protocol/openid-connect/certs")).build();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The sign-in failed in a way the buyer should be told about (and may retry). */
    public static class SignInException extends Exception {
        public SignInException(String message) {
            super(message);
        }
    }
}
