package io.ticketing.identity.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Identity settings the test nodes run with, and password-grant logins for tests (direct grants are on there only). */
public final class IdentityTestSettings {

    public static final String OPERATOR_EMAIL = "ops@platform.test";
    public static final String OPERATOR_PASSWORD = "operator-pass-1";
    public static final String OPERATOR_CONSOLE_SECRET = "test-operator-console-secret";
    /** The platform master key of test nodes (base64 of 32 bytes); never use it anywhere else. */
    public static final String SECRETS_MASTER_KEY = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMtISE=";
    /** Fast hashing for test realms only: a login takes ~60 ms instead of ~250 ms. */
    public static final String PASSWORD_POLICY = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1) and length(8)";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private IdentityTestSettings() {
    }

    /**
     * The identity settings of a development or test node: where Keycloak is and how to administer
     * it, password grants on, the operator console's secret, a first operator, the master key, and the
     * sandbox payment provider on.
     */
    public static Map<String, String> nodeProperties(String keycloakUrl, String adminUser, String adminPassword,
                                                     String consoleSecret, String operatorEmail, String operatorPassword,
                                                     String masterKey) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ticketing.keycloak.url", keycloakUrl);
        p.put("ticketing.keycloak.admin-user", adminUser);
        p.put("ticketing.keycloak.admin-password", adminPassword);
        p.put("ticketing.keycloak.direct-grants", "true");
        p.put("ticketing.keycloak.operator-console-secret", consoleSecret);
        p.put("ticketing.operator.bootstrap-email", operatorEmail);
        p.put("ticketing.operator.bootstrap-password", operatorPassword);
        p.put("ticketing.secrets.master-key", masterKey);
        p.put("ticketing.payments.sandbox", "true");
        return p;
    }

    /** System properties that give a Payara test node these settings. */
    public static Map<String, String> payaraSystemProperties() {
        Map<String, String> p = nodeProperties(SharedKeycloak.url(), SharedKeycloak.adminUser(), SharedKeycloak.adminPassword(),
                OPERATOR_CONSOLE_SECRET, OPERATOR_EMAIL, OPERATOR_PASSWORD, SECRETS_MASTER_KEY);
        p.put("ticketing.keycloak.password-policy", PASSWORD_POLICY);
        p.put("ticketing.mail.smtp.host", "127.0.0.1");
        p.put("ticketing.mail.smtp.port", "2525");
        p.put("ticketing.mail.from", "tickets@platform.test");
        return p;
    }

    /** The same as JVM options for Arquillian's container (which splits on unescaped spaces). */
    public static String payaraJvmOptions() {
        return payaraSystemProperties().entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue().replace(" ", "\\ "))
                .collect(Collectors.joining(" "));
    }

    public static String operatorToken() {
        return token("platform", "operator-console", OPERATOR_CONSOLE_SECRET, OPERATOR_EMAIL, OPERATOR_PASSWORD);
    }

    /** The access token of a password grant, or an exception carrying Keycloak's answer. */
    public static String token(String realm, String clientId, String clientSecret, String username, String password) {
        return token(SharedKeycloak.url(), realm, clientId, clientSecret, username, password);
    }

    /** The same against any Keycloak, e.g. the development launcher's. */
    public static String token(String keycloakUrl, String realm, String clientId, String clientSecret,
                               String username, String password) {
        HttpResponse<String> r = passwordGrant(keycloakUrl, realm, clientId, clientSecret, username, password);
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("Login to " + realm + " as " + username + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    public static HttpResponse<String> passwordGrant(String realm, String clientId, String clientSecret,
                                                     String username, String password) {
        return passwordGrant(SharedKeycloak.url(), realm, clientId, clientSecret, username, password);
    }

    public static HttpResponse<String> passwordGrant(String keycloakUrl, String realm, String clientId, String clientSecret,
                                                     String username, String password) {
        Map<String, String> form = clientSecret == null
                ? Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password)
                : Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
                "username", username, "password", password);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm
                            + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak token call failed", e);
        }
    }
}
