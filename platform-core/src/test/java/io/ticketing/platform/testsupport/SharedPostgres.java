package io.ticketing.platform.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL (embedded binaries from Maven Central) for a whole test run, started on
 * first use and stopped by {@link TestRunSession} when the JUnit session closes. Tests isolate themselves by tenant.
 * Durability settings are off: a test database need not survive a power cut.
 */
public final class SharedPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres server;

    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    public static DataSource dataSource() {
        return dataSource(jdbcUrl(), USER, PASSWORD);
    }

    public static DataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** Stops the server by its own pg_ctl; safe to call when nothing was started. */
    public static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                System.err.println("Stopping the test PostgreSQL failed: " + e);
            }
            server = null;
        }
    }
}
