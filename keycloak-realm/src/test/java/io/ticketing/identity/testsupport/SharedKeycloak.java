package io.ticketing.identity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        // Test JVMs of one build may ask at the same moment (parallel forks): one starts it, the others wait and reuse it.
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(home.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                url = KeycloakServer.running(home).map(KeycloakServer.Endpoint::baseUrl).orElseGet(() ->
                        KeycloakServer.start(Path.of(System.getProperty("keycloak.dist")), home,
                                KeycloakServer.freePort(), KeycloakServer.freePort(), true, build().pid(), Duration.ofMinutes(4)).baseUrl());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not take the Keycloak start lock in " + home, e);
        }
        return url;
    }

    /**
     * The Maven build running this test JVM: the nearest ancestor that is not a shell (failsafe starts forks
     * through {@code /bin/sh -c}), so the server outlives each fork and later modules of the build reuse it.
     */
    static ProcessHandle build() {
        ProcessHandle process = ProcessHandle.current().parent().orElse(ProcessHandle.current());
        while (process.info().command().map(c -> c.endsWith("/sh") || c.endsWith("/bash") || c.endsWith("/dash")).orElse(false)
                && process.parent().isPresent()) {
            process = process.parent().get();
        }
        return process;
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
