package io.ticketing.identity.testsupport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The one Keycloak of a test run: {@code KEYCLOAK_URL} when set (admin/admin, or
 * KEYCLOAK_ADMIN_USER/KEYCLOAK_ADMIN_PASSWORD), else the server this build already started (see
 * {@link KeycloakServer}), else a new one, stopped when the Maven build that runs the tests ends.
 * Tests isolate themselves by realm.
 */
public final class SharedKeycloak {

    private static String url;

    private SharedKeycloak() {
    }

    public static synchronized String url() {
        if (url != null) {
            return url;
        }
        String external = System.getenv("KEYCLOAK_URL");
        if (external != null && !external.isBlank()) {
            return url = external.replaceAll("/+$", "");
        }
        Path home = Path.of(System.getProperty("keycloak.test.home", "target/test-keycloak"));
        url = KeycloakServer.running(home).map(KeycloakServer.Endpoint::baseUrl).orElseGet(() -> {
            long build = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
            return KeycloakServer.start(Path.of(System.getProperty("keycloak.dist")), home,
                    KeycloakServer.freePort(), KeycloakServer.freePort(), true, build, Duration.ofMinutes(4)).baseUrl();
        });
        return url;
    }

    public static String adminUser() {
        return envOr("KEYCLOAK_ADMIN_USER", KeycloakServer.ADMIN_USER);
    }

    public static String adminPassword() {
        return envOr("KEYCLOAK_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
