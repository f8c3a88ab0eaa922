package io.ticketing.platform.testsupport;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A hot standby of a running embedded PostgreSQL on this machine, streaming from it, started from the primary's own
 * server binaries. Zonky's bundle has only {@code initdb}, {@code pg_ctl} and {@code postgres} (no
 * {@code pg_basebackup}), so the base backup is taken with PostgreSQL's low-level API, as its manual describes:
 * {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}'s label written as
 * {@code backup_label}. A physical replication slot keeps the WAL the standby still needs, from the backup on and
 * while it is stopped. The primary must trust replication connections from 127.0.0.1 (zonky's initdb does). Stopped
 * by {@link TestRunSession} at the end of the run if a test did not close it.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final Set<StreamingReplica> OPEN = ConcurrentHashMap.newKeySet();
    private static final Duration READY = Duration.ofSeconds(60);
    /** What pg_basebackup leaves out: runtime state of the running primary, not data. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "current_logfiles", "postgresql.auto.conf.tmp", "epg-lock", "standby.signal");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    /** Settings a hot standby may not have lower than its primary. */
    private static final List<String> AT_LEAST_THE_PRIMARYS = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

    private final DataSource primary;
    private final Path bin;
    private final Path dataDirectory;
    private final int port;
    private final String user;
    private final String slot;

    private StreamingReplica(DataSource primary, Path bin, Path dataDirectory, int port, String user, String slot) {
        this.primary = primary;
        this.bin = bin;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.user = user;
        this.slot = slot;
    }

    /**
     * Takes a base backup of {@code primary} (a superuser's connections to a server on this machine) and starts it as
     * a standby on a free loopback port; returns once the standby answers read-only queries and has replayed all the
     * primary had written.
     */
    public static StreamingReplica of(DataSource primary) {
        try {
            StreamingReplica standby = baseBackup(primary);
            OPEN.add(standby);
            standby.start();
            return standby;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a standby", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make a standby", e);
        }
    }

    private static StreamingReplica baseBackup(DataSource primary) throws SQLException, IOException {
        try (Connection c = primary.getConnection(); Statement s = c.createStatement()) {
            Path bin;
            Path source;
            String user;
            int primaryPort;
            try (ResultSet r = s.executeQuery("SELECT pg_backend_pid(), current_setting('data_directory'), current_user, "
                    + "current_setting('port')")) {
                r.next();
                // a backend runs the primary's postgres binary: its directory holds pg_ctl too
                bin = ProcessHandle.of(r.getLong(1)).flatMap(p -> p.info().command()).map(Path::of).map(Path::getParent)
                        .orElseThrow(() -> new IllegalStateException("Cannot see the primary's server process"));
                source = Path.of(r.getString(2));
                user = r.getString(3);
                primaryPort = r.getInt(4);
            }
            List<String> settings = new ArrayList<>();
            for (String name : AT_LEAST_THE_PRIMARYS) {
                try (ResultSet r = s.executeQuery("SELECT current_setting('" + name + "')")) {
                    r.next();
                    settings.add(name + " = " + r.getString(1));
                }
            }
            String slot = "standby_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            int port = freePort();
            Path target = Files.createTempDirectory("standby-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            s.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            s.execute("SELECT pg_backup_start('" + slot + "', true)");
            String label;
            try {
                copy(source, target);
            } finally {
                try (ResultSet r = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                    r.next();
                    label = r.getString(1);
                }
            }
            Files.writeString(target.resolve("backup_label"), label, StandardCharsets.UTF_8);
            Files.writeString(target.resolve("standby.signal"), "");
            settings.addAll(List.of("port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''",
                    "hot_standby = on", "primary_slot_name = '" + slot + "'",
                    "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=" + user + " application_name=" + slot + "'"));
            Files.writeString(target.resolve("postgresql.auto.conf"), "\n" + String.join("\n", settings) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return new StreamingReplica(primary, bin, target, port, user, slot);
        }
    }

    /** The data directory as it is, file by file; the backup's WAL replay repairs what changed while copying. */
    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(dir);
                if (dir.getFileName().toString().startsWith("pgsql_tmp") || (relative.getNameCount() > 1
                        && EMPTIED_DIRECTORIES.contains(relative.getName(0).toString()) && !relative.startsWith("pg_wal"))) {
                    // pg_wal keeps its subdirectories (archive_status, summaries); a slot's directory would be a slot
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                Path parent = source.relativize(file).getParent();
                if (SKIPPED_FILES.contains(name) || name.startsWith("pg_internal.init")
                        || (parent != null && EMPTIED_DIRECTORIES.contains(parent.getName(0).toString()))) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException goneMeanwhile) {
                    // a temporary file or a dropped table: the WAL says so too
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The standby's connections as the primary's user (trusted on loopback, as on the primary). */
    public DataSource dataSource() {
        return SharedPostgres.dataSource(jdbcUrl(), user, "");
    }

    /** Starts the (stopped) standby and waits until it answers read-only queries and has caught up. */
    public void start() {
        pgCtl("-l", dataDirectory.resolve("standby.log").toString(), "-w", "-t", Long.toString(READY.toSeconds()), "start");
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT pg_is_in_recovery()")) {
                r.next();
                if (!r.getBoolean(1)) {
                    throw new IllegalStateException("The standby on port " + port + " is not in recovery");
                }
                break;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The standby did not accept connections; its log:\n" + log(), notYet);
                }
                pause();
            }
        }
        waitForReplay();
    }

    /**
     * Waits until the standby has replayed everything the primary has written up to now. The primary's
     * {@code pg_current_wal_lsn()} may lag its commits (zonky turns {@code synchronous_commit} off), so a record is
     * written and flushed as a mark (PostgreSQL 17), and the standby must have replayed up to its end.
     */
    public void waitForReplay() {
        String lsn = PlainSql.text(primary, "SELECT pg_logical_emit_message(false, 'standby-mark', '', true)::text");
        long deadline = System.nanoTime() + READY.toNanos();
        try (Connection c = dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
            s.setString(1, lsn);
            while (true) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The standby did not replay up to " + lsn + "; its log:\n" + log());
                }
                pause();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The standby cannot be asked how far it replayed", e);
        }
    }

    /** A fast shutdown by pg_ctl (open sessions are ended); the postmaster is killed if it does not go. */
    public void stop() {
        if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            return;
        }
        try {
            pgCtl("-m", "fast", "-w", "-t", "30", "stop");
        } catch (RuntimeException stopFailed) {
            postmaster().ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
    }

    private Optional<ProcessHandle> postmaster() {
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return lines.findFirst().map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | NumberFormatException gone) {
            return Optional.empty();
        }
    }

    /** Stops the standby, drops its slot on the primary (so the primary keeps no WAL for it) and deletes its files. */
    @Override
    public void close() {
        stop();
        OPEN.remove(this);
        dropSlot();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete the standby's files in " + dataDirectory + ": " + e);
        }
    }

    private void dropSlot() {
        // the primary's WAL sender of the stopped standby may take a moment to let the slot go
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Connection c = primary.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState())) { // object in use
                    System.err.println("Could not drop the replication slot " + slot + ": " + e);
                    return;
                }
                pause();
            }
        }
    }

    /** For {@link TestRunSession}: closes the standbys tests left running. */
    static void closeAll() {
        for (StreamingReplica standby : List.copyOf(OPEN)) {
            standby.close();
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky runs its servers when the tests run as root: PostgreSQL refuses root, a user namespace is not root
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output + "\nThe standby's log:\n" + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("standby.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
