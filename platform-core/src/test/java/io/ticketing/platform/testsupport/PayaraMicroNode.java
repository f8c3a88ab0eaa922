package io.ticketing.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Payara Micro JVM started as a child process with the platform's WARs, bound to loopback,
 * stopped by the code that started it (by PID). Used by the development launcher and by tests
 * that need whole nodes (several at once, or one killed on purpose).
 */
public final class PayaraMicroNode implements AutoCloseable {

    /** Keeps Payara's HTTP listener on loopback; it listens on every interface otherwise. */
    public static final String LOOPBACK_PREBOOT =
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n";

    public record Options(String name, Path microJar, List<Path> wars, int httpPort, int hazelcastPort,
                          List<Integer> clusterPorts, String clusterName, Map<String, String> systemProperties,
                          Path workDir, String maxHeap) {
    }

    /**
     * Health and metrics on a second HTTP listener of their own: the storefront sits at the context root, which
     * hides Payara's {@code /health} and {@code /metrics} on the public port (payara/Payara#4924), and probes and scrapers should not share
     * the buyers' port anyway. Order matters: the endpoint is bound to the "management" virtual server before the
     * applications deploy (post-boot), and that server is created after they did (post-deploy), so no application is
     * deployed on it twice (Faces refuses to start in two virtual servers at once).
     */
    public static final String MANAGEMENT_POSTBOOT = "set-microprofile-healthcheck-configuration --virtualservers=management\n"
            + "set-metrics-configuration --virtualservers=management\n";

    public static String managementPostdeploy(String address, int port) {
        return "create-virtual-server --hosts=localhost management\n"
                + "create-http-listener --listeneraddress=" + address + " --listenerport=" + port
                + " --defaultvs=management management-listener\n";
    }

    private final Options options;
    private final Process process;
    private final Path log;
    private final int managementPort;

    private PayaraMicroNode(Options options, Process process, Path log, int managementPort) {
        this.options = options;
        this.process = process;
        this.log = log;
        this.managementPort = managementPort;
    }

    public static PayaraMicroNode start(Options o) {
        requireFreePort(o.httpPort(), "HTTP port of " + o.name());
        requireFreePort(o.hazelcastPort(), "Hazelcast port of " + o.name());
        try {
            Files.createDirectories(o.workDir());
            Path preboot = o.workDir().resolve("preboot.asadmin");
            Files.writeString(preboot, LOOPBACK_PREBOOT);
            int managementPort = freePort();
            Path postboot = o.workDir().resolve("postboot.asadmin");
            Files.writeString(postboot, MANAGEMENT_POSTBOOT);
            Path postdeploy = o.workDir().resolve("postdeploy.asadmin");
            Files.writeString(postdeploy, managementPostdeploy("127.0.0.1", managementPort));
            Path log = o.workDir().resolve(o.name() + ".log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + o.maxHeap());
            cmd.add("-Dhazelcast.socket.bind.any=false");
            cmd.add("-Djava.net.preferIPv4Stack=true");
            // For profiling a node by hand, e.g. PAYARA_NODE_JAVA_OPTS="-XX:FlightRecorderOptions=stackdepth=256"
            String extra = System.getenv("PAYARA_NODE_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.strip().split("\\s+")));
            }
            o.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.addAll(List.of("-jar", o.microJar().toString()));
            for (Path war : o.wars()) {
                if (!Files.isRegularFile(war)) {
                    throw new IllegalStateException("WAR not found: " + war + " (build it first: mvn package)");
                }
                cmd.addAll(List.of("--deploy", war.toString()));
            }
            String members = o.clusterPorts().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
            cmd.addAll(List.of(
                    "--port", Integer.toString(o.httpPort()),
                    "--prebootcommandfile", preboot.toString(),
                    "--postbootcommandfile", postboot.toString(),
                    "--postdeploycommandfile", postdeploy.toString(),
                    "--interfaces", "127.0.0.1",
                    "--clustermode", "tcpip:" + members,
                    "--startport", Integer.toString(o.hazelcastPort()),
                    "--clustername", o.clusterName(),
                    "--nohostaware",
                    "--name", o.name(),
                    "--rootdir", o.workDir().resolve("runtime").toString()));
            Process process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new PayaraMicroNode(o, process, log, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Payara Micro node " + o.name(), e);
        }
    }

    /**
     * Waits until {@code probe} answers 200. Fails early, with the log's last lines, when the JVM
     * exits or Payara reports that it could not start (it may keep its JVM running then).
     */
    public void awaitReady(URI probe, Duration timeout) {
        // HTTP/1.1: the JDK client's default h2c upgrade can deadlock Grizzly's HTTP/2 code while the
        // node is still starting (seen: two request threads blocked on each other's monitors, the probe
        // waiting forever despite its timeout).
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(options.name() + " exited with " + process.exitValue() + ":\n" + logTail(40));
            }
            String tail = logTail(60);
            if (tail.contains("Failed to start, exiting") || tail.contains("Address already in use")
                    || tail.contains("Exception while loading the app")) {
                stop();
                throw new IllegalStateException(options.name() + " failed to start:\n" + tail);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + options.name(), e);
            }
            sleep(500);
        }
        throw new IllegalStateException(options.name() + " was not ready within " + timeout + ":\n" + logTail(40)
                + "\n--- where its threads were ---\n" + threadDump(120));
    }

    /** The node's stacks (jcmd Thread.print), so a start that hangs says where. */
    private String threadDump(int lines) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            Files.writeString(options.workDir().resolve(options.name() + "-threads.txt"), text);
            List<String> all = text.lines().toList();
            return String.join("\n", all.subList(0, Math.min(lines, all.size())));
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int httpPort() {
        return options.httpPort();
    }

    /** Where this node answers {@code /health/live}, {@code /health/ready} and {@code /health/started}. */
    public int managementPort() {
        return managementPort;
    }

    public String name() {
        return options.name();
    }

    public Path log() {
        return log;
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, then SIGKILL if it has not exited after 30 s. */
    public void stop() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL without warning: what a crashed node looks like to the rest of the cluster. */
    public void kill() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String logTail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** See {@link io.ticketing.identity.testsupport.KeycloakServer#freePort()}: never an ephemeral port. */
    public static int freePort() {
        return io.ticketing.identity.testsupport.KeycloakServer.freePort();
    }

    public static void requireFreePort(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("The " + what + " (" + port + ") is already in use on 127.0.0.1;"
                    + " stop what uses it or choose another port");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
