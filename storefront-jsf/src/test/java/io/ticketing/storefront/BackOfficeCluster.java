package io.ticketing.storefront;

import io.ticketing.platform.testsupport.PayaraMicroNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two storefront nodes in one Hazelcast cluster, started once for all back-office tests of a run (each test class
 * makes its own shops, so they never see each other's data) and stopped by PID when the test JVM ends. Starting a
 * pair per class cost about a minute and a half each on the CI machine.
 */
final class BackOfficeCluster {

    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;

    private BackOfficeCluster() {
    }

    static synchronized PayaraMicroNode node1() throws Exception {
        start();
        return node1;
    }

    static synchronized PayaraMicroNode node2() throws Exception {
        start();
        return node2;
    }

    /** The base address of a node, for a realm's sign-in redirects. */
    static String address(PayaraMicroNode node) {
        return "http://127.0.0.1:" + node.httpPort();
    }

    /** Lets the shop's realm send browsers back to both nodes after sign-in. */
    static void allowSignIn(RealmFixtures fixtures, RealmFixtures.TenantRealm shop) throws Exception {
        fixtures.allowSignInAt(shop, address(node1()));
        fixtures.allowSignInAt(shop, address(node2()));
    }

    private static void start() throws Exception {
        if (node1 != null) {
            return;
        }
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        String cluster = "backoffice-" + ProcessHandle.current().pid();
        Map<String, String> settings = Map.of();
        PayaraMicroNode first = ClusterTestSupport.storefrontNode("backoffice1", hz1, List.of(hz1, hz2), cluster, settings);
        PayaraMicroNode second = null;
        try {
            second = ClusterTestSupport.storefrontNode("backoffice2", hz2, List.of(hz1, hz2), cluster, settings);
            first.awaitReady(URI.create("http://127.0.0.1:" + first.httpPort() + "/error.html"), Duration.ofMinutes(4));
            second.awaitReady(URI.create("http://127.0.0.1:" + second.httpPort() + "/error.html"), Duration.ofMinutes(4));
        } catch (Exception | Error e) {
            first.stop();
            if (second != null) {
                second.stop();
            }
            throw e;
        }
        node1 = first;
        node2 = second;
        PayaraMicroNode a = first;
        PayaraMicroNode b = second;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            a.stop();
            b.stop();
        }, "stop-backoffice-cluster"));
    }
}
