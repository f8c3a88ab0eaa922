package io.ticketing.storefront;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.testsupport.MailServer;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/** What the two-node tests share: starting a storefront node of a cluster, running work at once, and plain-SQL checks. */
final class ClusterTestSupport {

    static final DataSource DB = SharedPostgres.dataSource();

    private ClusterTestSupport() {
    }

    /** A storefront node on the shared PostgreSQL and Keycloak, one of {@code members} (Hazelcast ports) in {@code cluster}. */
    static PayaraMicroNode storefrontNode(String name, int hazelcastPort, List<Integer> members, String cluster,
                                         Map<String, String> extraProperties) throws Exception {
        return storefrontNode(name, PayaraMicroNode.freePort(), hazelcastPort, members, cluster, extraProperties);
    }

    /** The same on a chosen HTTP port: a realm made before the node starts can name the node's address for browser sign-in. */
    static PayaraMicroNode storefrontNode(String name, int httpPort, int hazelcastPort, List<Integer> members, String cluster,
                                         Map<String, String> extraProperties) throws Exception {
        Map<String, String> properties = new HashMap<>(IdentityTestSettings.payaraSystemProperties());
        properties.put("ticketing.db.url", SharedPostgres.jdbcUrl());
        properties.put("ticketing.db.user", SharedPostgres.USER);
        properties.put("ticketing.db.password", SharedPostgres.PASSWORD);
        // A handful of test buyers, all on 127.0.0.1, do what thousands of buyers do: the platform's anti-scalping
        // defaults are off here; a test that checks them sets the shop's own caps (the rates are tested in CheckoutUseCasesIT).
        for (String limit : List.of("holds-per-minute-per-buyer", "holds-per-minute-per-address", "orders-per-minute-per-buyer",
                "orders-per-minute-per-address", "tickets-held-per-buyer", "tickets-held-per-address")) {
            properties.put("ticketing.limits." + limit, "100000");
        }
        properties.put("ticketing.http.trusted-proxies", "127.0.0.1");
        properties.putAll(MailServer.shared().nodeProperties());
        properties.putAll(extraProperties);
        return PayaraMicroNode.start(new PayaraMicroNode.Options(name, Path.of(System.getProperty("payara.microJar")),
                List.of(Path.of(System.getProperty("ticketing.storefront.war"))), httpPort, hazelcastPort,
                members, cluster, properties, Files.createTempDirectory(name), "512m"));
    }

    /** Stops the nodes (those that started) and closes the realm fixtures. */
    static void stopAll(RealmFixtures fixtures, PayaraMicroNode... nodes) {
        for (PayaraMicroNode node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
        if (fixtures != null) {
            fixtures.close();
        }
    }

    /** Runs all the work on {@code threads} threads at once; results in the work's order. */
    static <T> List<T> runAll(List<Callable<T>> work, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** A business counter of one shop (and outcome, if not null) summed over the nodes' /metrics on their management ports. */
    static double counted(List<PayaraMicroNode> nodes, String counter, String tenant, String outcome) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        double sum = 0;
        for (PayaraMicroNode node : nodes) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + node.managementPort() + "/metrics"))
                    .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            sum += metrics.lines().filter(l -> l.startsWith(counter + "{") && l.contains("tenant=\"" + tenant + "\"")
                            && (outcome == null || l.contains("outcome=\"" + outcome + "\"")))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return sum;
    }

    static long queryLong(String sql) {
        try (Connection c = DB.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static String queryText(String sql) {
        try (Connection c = DB.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void sql(String sql) {
        try (Connection c = DB.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
