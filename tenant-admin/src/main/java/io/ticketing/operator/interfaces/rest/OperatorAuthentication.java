package io.ticketing.operator.interfaces.rest;

import io.ticketing.platform.interfaces.rest.ProblemMapper;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import io.ticketing.operator.infrastructure.IdentityBootstrap;
import io.ticketing.operator.infrastructure.KeycloakGateway;
import io.ticketing.operator.infrastructure.OperatorOidc;
import io.ticketing.platform.infrastructure.security.OidcClient;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every operator API call but health needs a bearer token issued by the operators' realm
 * {@code platform} to its {@code operator-console} client (signature, issuer, expiry and client
 * checked against that realm's keys) with the realm role {@code operator}. A tenant realm's token, however valid there, fails here: another issuer,
 * other keys. 401 without a valid token, 403 without the role.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class OperatorAuthentication implements ContainerRequestFilter {

    /** Request property: who is calling, for the audit log. */
    public static final String OPERATOR = "ticketing.operator";
    private static final Logger LOG = Logger.getLogger(OperatorAuthentication.class.getName());

    @Inject
    KeycloakGateway keycloak;
    @Inject
    OperatorOidc oidc;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().equals("health")) {
            return;
        }
        if (!keycloak.isConfigured()) {
            request.abortWith(ProblemMapper.of(503, "identity_unavailable", null,
                    "No identity provider is configured (ticketing.keycloak.url), so no operator can be recognised"));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.abortWith(unauthorized("Send an operator's access token: Authorization: Bearer <token>"));
            return;
        }
        JWTClaimsSet claims;
        try {
            claims = oidc.client().verifyAccessToken(header.substring(7).strip());
        } catch (KeySourceException e) {
            LOG.log(Level.WARNING, "Cannot fetch the operator realm's keys: {0}", e.getMessage());
            request.abortWith(ProblemMapper.of(503, "identity_unavailable", null,
                    "The identity provider cannot be reached to check your token. Retry in a minute."));
            return;
        } catch (Exception e) {
            request.abortWith(unauthorized("The token is not valid for the operator API: " + e.getMessage()));
            return;
        }
        if (!OidcClient.roles(claims).contains(IdentityBootstrap.OPERATOR_ROLE)) {
            request.abortWith(ProblemMapper.of(403, "forbidden", null, "This account is not a platform operator"));
            return;
        }
        String who = claim(claims, "email");
        request.setProperty(OPERATOR, who != null ? who : claim(claims, "preferred_username") != null
                ? claim(claims, "preferred_username") : claims.getSubject());
    }

    private static String claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? null : value.toString();
    }

    private static jakarta.ws.rs.core.Response unauthorized(String message) {
        return jakarta.ws.rs.core.Response.fromResponse(ProblemMapper.of(401, "unauthorized", null, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + IdentityBootstrap.OPERATOR_REALM + "\"").build();
    }
}
