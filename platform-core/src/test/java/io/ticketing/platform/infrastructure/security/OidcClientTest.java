package io.ticketing.platform.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access-token checks against a realm's published keys (served here by a JDK HTTP server), and what is remembered. */
class OidcClientTest {

    private static RSAKey realmKey;
    private static RSAKey strangerKey;
    private static HttpServer keys;
    private static String issuer;

    @BeforeAll
    static void publishKeys() throws Exception {
        realmKey = new RSAKeyGenerator(2048).keyID("realm-key").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("realm-key").generate(); // same kid, other key
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(realmKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keys.createContext("/realms/shop/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keys.start();
        issuer = "http://127.0.0.1:" + keys.getAddress().getPort() + "/realms/shop";
    }

    @AfterAll
    static void stop() {
        keys.stop(0);
    }

    @Test
    void aGenuineTokenIsVerifiedOnceAndThenRemembered() throws Exception {
        OidcClient client = new OidcClient(issuer, "storefront", () -> "unused");
        String token = token(realmKey, issuer, "storefront", 300);
        assertThat(client.verifyAccessToken(token).getSubject()).isEqualTo("buyer-1");
        assertThat(client.rememberedTokens()).isEqualTo(1);
        assertThat(client.verifyAccessToken(token).getSubject()).isEqualTo("buyer-1");
        assertThat(client.rememberedTokens()).isEqualTo(1);
    }

    @Test
    void aTamperedForgedOrForeignTokenIsRefusedEvenNextToARememberedOne() throws Exception {
        OidcClient client = new OidcClient(issuer, "storefront", () -> "unused");
        String genuine = token(realmKey, issuer, "storefront", 300);
        client.verifyAccessToken(genuine);

        String[] parts = genuine.split("\\.");
        String otherPayload = token(realmKey, issuer, "storefront", 600).split("\\.")[1];
        assertThatThrownBy(() -> client.verifyAccessToken(parts[0] + "." + otherPayload + "." + parts[2]))
                .as("a payload swapped under a remembered signature").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> client.verifyAccessToken(token(strangerKey, issuer, "storefront", 300)))
                .as("signed with a key the realm does not publish").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> client.verifyAccessToken(token(realmKey, issuer, "other-client", 300)))
                .as("issued to another client").isInstanceOf(OidcClient.SignInException.class);
        assertThatThrownBy(() -> client.verifyAccessToken(token(realmKey, issuer + "x", "storefront", 300)))
                .as("from another issuer").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> client.verifyAccessToken(token(realmKey, issuer, "storefront", -300)))
                .as("expired").isInstanceOf(Exception.class);
        assertThat(client.rememberedTokens()).as("only the genuine one is remembered").isEqualTo(1);
    }

    @Test
    void anotherRealmsTokenIsRefusedWithoutLookingForKeys() throws Exception {
        // This realm's keys cannot be fetched (nothing listens there): a token of another realm must still be a plain refusal,
        // not "keys unavailable", which the APIs answer with 503.
        String unreachable = "http://127.0.0.1:9/realms/platform";
        OidcClient operators = new OidcClient(unreachable, "operator-console", () -> "unused");
        assertThatThrownBy(() -> operators.verifyAccessToken(token(strangerKey, issuer, "storefront", 300)))
                .isInstanceOf(OidcClient.SignInException.class).hasMessageContaining("another realm");
        assertThatThrownBy(() -> operators.verifyAccessToken("not.a.token"))
                .isNotInstanceOf(com.nimbusds.jose.KeySourceException.class);
    }

    private static String token(RSAKey key, String issuer, String client, int secondsLeft) throws Exception {
        long now = System.currentTimeMillis();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject("buyer-1").claim("azp", client)
                        .issueTime(new Date(now - 1_000)).expirationTime(new Date(now + secondsLeft * 1_000L))
                        .jwtID(Long.toString(System.nanoTime())).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
