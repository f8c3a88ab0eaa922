package io.ticketing.platform.testsupport;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares what Arquillian's Payara Micro container needs before it starts a node: the shared
 * PostgreSQL (its URL passed as JVM options), the shared Keycloak when the module asks for it
 * ({@code -Dticketing.keycloak.tests=true}), a mail server ({@link MailServer#shared()}), loopback-only HTTP and Hazelcast, and a cluster
 * name of its own. Runs once per test JVM, from {@link TestRunSession}, before any Arquillian
 * test class starts a node.
 */
public final class PayaraTestEnvironment {

    private PayaraTestEnvironment() {
    }

    public static synchronized void configure() {
        if (System.getProperty("payara.cmdOptions") != null) {
            return;
        }
        String url = SharedPostgres.jdbcUrl();
        new TenantSchemas(SharedPostgres.dataSource()).migratePlatform();
        int hazelcastPort = PayaraMicroNode.freePort();
        Path preboot;
        try {
            preboot = Files.createTempFile("ticketing-preboot", ".asadmin");
            Files.writeString(preboot, PayaraMicroNode.LOOPBACK_PREBOOT);
            preboot.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx768m",
                "-Dhazelcast.socket.bind.any=false",
                "-Djava.net.preferIPv4Stack=true",
                "-Dticketing.db.url=" + url,
                "-Dticketing.db.user=" + SharedPostgres.USER,
                "-Dticketing.db.password=" + SharedPostgres.PASSWORD));
        // Every node sends its mail to the test JVM's own SMTP server.
        MailServer.shared().nodeProperties().forEach((key, value) -> jvm.add("-D" + key + "=" + value));
        if (Boolean.getBoolean("ticketing.keycloak.tests")) {
            jvm.add(IdentityTestSettings.payaraJvmOptions());
        }
        System.setProperty("payara.cmdOptions", String.join(" ", jvm));
        System.setProperty("payara.clusterEnabled", "true");
        // A 2-core machine busy with other builds deploys the WAR in up to two minutes; the default wait cut it off.
        System.setProperty("payara.startupTimeoutInSeconds", "420");
        System.setProperty("payara.extraMicroOptions", String.join(" ",
                "--prebootcommandfile", preboot.toString(),
                "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:127.0.0.1:" + hazelcastPort,
                "--startport", Integer.toString(hazelcastPort),
                "--clustername", "it-" + ProcessHandle.current().pid(),
                "--nohostaware"));
    }
}
