package io.ticketing.identity.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Keycloak from the distribution Maven Central ships ({@code keycloak-quarkus-dist}),
 * unpacked once into {@code home}, started in development mode on loopback with explicit ports and
 * a pinned host name (so the token issuer does not follow the Host header).
 *
 * <p>It runs under a small shell watchdog: when the watched process (the launcher, or the Maven
 * build that runs the tests) ends, however it ends, Keycloak is stopped too. Its address and the
 * watchdog's PID are written to {@code home/server.properties}, so later test JVMs of the same
 * build reuse the running server instead of paying its start again; {@link #stop} ends it by PID.
 */
public final class KeycloakServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** Where a running server can be reached. */
    public record Endpoint(String baseUrl, int managementPort, long pid) {
    }

    private KeycloakServer() {
    }

    /** The server recorded in {@code home}, when it is still running and healthy. */
    public static Optional<Endpoint> running(Path home) {
        Path state = home.resolve("server.properties");
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        Endpoint endpoint = new Endpoint(p.getProperty("baseUrl"), Integer.parseInt(p.getProperty("managementPort")),
                Long.parseLong(p.getProperty("pid")));
        boolean alive = ProcessHandle.of(endpoint.pid()).map(ProcessHandle::isAlive).orElse(false);
        return alive && healthy(endpoint.managementPort()) ? Optional.of(endpoint) : Optional.empty();
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @param freshData drop the previous server's database first (tests), or keep it (development)
     * @param watchPid  the process whose end stops Keycloak
     */
    public static Endpoint start(Path distribution, Path home, int httpPort, int managementPort, boolean freshData,
                                 long watchPid, Duration timeout) {
        try {
            Path kcHome = unpack(distribution, home);
            if (freshData) {
                deleteTree(kcHome.resolve("data"));
            }
            String baseUrl = "http://127.0.0.1:" + httpPort;
            String kc = String.join(" ", List.of(
                    "'" + kcHome.resolve("bin/kc.sh") + "'", "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort, "--health-enabled=true",
                    "--hostname=" + baseUrl));
            String watchdog = kc + " & kc=$!\n"
                    + "trap 'kill $kc 2>/dev/null; wait $kc; exit 0' TERM INT\n"
                    + "while kill -0 " + watchPid + " 2>/dev/null && kill -0 $kc 2>/dev/null; do sleep 2; done\n"
                    + "kill $kc 2>/dev/null; wait $kc\n";
            Path log = home.resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", watchdog)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_APPEND", "-Djava.net.preferIPv4Stack=true");
            Process process = builder.start();
            Endpoint endpoint = new Endpoint(baseUrl, managementPort, process.pid());
            awaitReady(process, endpoint, log, timeout);
            Properties p = new Properties();
            p.setProperty("baseUrl", baseUrl);
            p.setProperty("managementPort", Integer.toString(managementPort));
            p.setProperty("pid", Long.toString(process.pid()));
            try (OutputStream out = Files.newOutputStream(home.resolve("server.properties"))) {
                p.store(out, "Keycloak started for " + watchPid);
            }
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak", e);
        }
    }

    /** Stops the server (its watchdog, which stops Keycloak) by PID and waits for it to end. */
    public static void stop(Path home) {
        running(home).ifPresent(endpoint -> ProcessHandle.of(endpoint.pid()).ifPresent(handle -> {
            handle.destroy();
            handle.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                handle.destroyForcibly();
                return handle;
            }).join();
        }));
        try {
            Files.deleteIfExists(home.resolve("server.properties"));
        } catch (IOException e) {
            // nothing to clean then
        }
    }

    /**
     * A free loopback port below the kernel's ephemeral range (32768+). A port handed out by the
     * kernel (bind to 0) is taken back for outgoing connections within seconds on a busy machine,
     * and a server that starts a while later (Payara, Hazelcast, Keycloak) then silently binds
     * elsewhere or fails; ports from 20000-32767 are never used for outgoing connections.
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_700);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another one
            }
        }
        throw new UncheckedIOException(new IOException("No free loopback port in 20000-32700"));
    }

    private static Path unpack(Path distribution, Path home) throws IOException {
        Files.createDirectories(home);
        try (Stream<Path> existing = Files.list(home)) {
            Optional<Path> unpacked = existing.filter(p -> Files.exists(p.resolve("bin/kc.sh"))).findFirst();
            if (unpacked.isPresent()) {
                return unpacked.get();
            }
        }
        if (!Files.isRegularFile(distribution)) {
            throw new IllegalStateException("Keycloak distribution not found at " + distribution
                    + " (the keycloak-realm module's build downloads it)");
        }
        run(List.of("tar", "-xzf", distribution.toString(), "-C", home.toString()));
        try (Stream<Path> existing = Files.list(home)) {
            return existing.filter(p -> Files.exists(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No bin/kc.sh after unpacking " + distribution));
        }
    }

    private static void awaitReady(Process process, Endpoint endpoint, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start:\n" + tail(log));
            }
            if (healthy(endpoint.managementPort())) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Keycloak started", e);
            }
        }
        process.destroy();
        throw new IllegalStateException("Keycloak was not ready within " + timeout + ":\n" + tail(log));
    }

    private static boolean healthy(int managementPort) {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("Command failed: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + command, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
