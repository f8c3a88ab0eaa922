package io.ticketing.platform.infrastructure.persistence.report;

import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.ReportJob;
import io.ticketing.platform.domain.report.ReportJobs;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Report jobs and their files (1 MiB chunks) in the current tenant transaction. */
@ApplicationScoped
public class JdbcReportJobs implements ReportJobs {

    static final int CHUNK_BYTES = 1 << 20;
    private static final String COLUMNS = """
            id, requested_by, format, locale, filter::text, status, rows_total, rows_done, file_name, file_bytes, error,
            created_at, finished_at, expires_at""";

    @Override
    public void insert(UUID id, String requestedBy, ReportFormat format, String locale, String filterJson, Instant expiresAt) {
        Sql.update("INSERT INTO report_job (id, requested_by, format, locale, filter, expires_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                id, requestedBy, format.name(), locale, filterJson, Timestamp.from(expiresAt));
    }

    @Override
    public Optional<ReportJob> find(UUID id, String requestedBy) {
        List<ReportJob> found = select("WHERE id = ? AND requested_by = ?", id, requestedBy);
        return found.stream().findFirst();
    }

    @Override
    public List<ReportJob> recent(String requestedBy, int limit) {
        return select("WHERE requested_by = ? AND expires_at > now() ORDER BY created_at DESC LIMIT ?", requestedBy, limit);
    }

    @Override
    public Optional<ReportJob> claim(String node, Duration stale, int maxAttempts) {
        // a job that has failed its last attempt is given up rather than tried for ever
        Sql.update("""
                UPDATE report_job SET status = 'FAILED', error = coalesce(error, 'stopped ' || attempts || ' times'), finished_at = now()
                 WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?) AND attempts >= ?""",
                (double) stale.toSeconds(), maxAttempts);
        List<ReportJob> claimed = select("""
                WHERE id = (SELECT id FROM report_job
                             WHERE status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?))
                             ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)""",
                (double) stale.toSeconds());
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        UUID id = claimed.get(0).id();
        Sql.update("UPDATE report_job SET status = 'RUNNING', node = ?, attempts = attempts + 1, heartbeat_at = now(), rows_done = 0 WHERE id = ?",
                node, id);
        return select("WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public boolean progress(UUID id, String node, long rowsTotal, long rowsDone) {
        return Sql.update("""
                UPDATE report_job SET rows_total = ?, rows_done = ?, heartbeat_at = now()
                 WHERE id = ? AND node = ? AND status = 'RUNNING'""", rowsTotal, rowsDone, id, node) == 1;
    }

    @Override
    public boolean complete(UUID id, String node, String fileName, long bytes, InputStream file) throws IOException {
        // locks the job: a node that took it over meanwhile cannot complete it at the same time
        if (Sql.update("""
                UPDATE report_job SET status = 'READY', rows_done = coalesce(rows_total, rows_done), file_name = ?, file_bytes = ?,
                                      finished_at = now(), heartbeat_at = now()
                 WHERE id = ? AND node = ? AND status = 'RUNNING'""", fileName, bytes, id, node) != 1) {
            return false;
        }
        Sql.update("DELETE FROM report_file_chunk WHERE job_id = ?", id);
        try {
            Sql.run(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO report_file_chunk (job_id, seq, bytes) VALUES (?, ?, ?)")) {
                    byte[] chunk;
                    int seq = 0;
                    while ((chunk = file.readNBytes(CHUNK_BYTES)).length > 0) {
                        s.setObject(1, id);
                        s.setInt(2, seq++);
                        s.setBytes(3, chunk);
                        s.executeUpdate();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return true;
    }

    @Override
    public void fail(UUID id, String node, String error) {
        Sql.update("""
                UPDATE report_job SET status = 'FAILED', error = left(?, 500), finished_at = now()
                 WHERE id = ? AND node = ? AND status = 'RUNNING'""", error, id, node);
    }

    @Override
    public void copyFile(UUID id, OutputStream out) throws IOException {
        int count = Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM report_file_chunk WHERE job_id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
        for (int seq = 0; seq < count; seq++) {
            int n = seq;
            byte[] chunk = Sql.query(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT bytes FROM report_file_chunk WHERE job_id = ? AND seq = ?")) {
                    s.setObject(1, id);
                    s.setInt(2, n);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? r.getBytes(1) : new byte[0];
                    }
                }
            });
            out.write(chunk);
        }
    }

    @Override
    public int deleteExpired(Instant now) {
        return Sql.update("DELETE FROM report_job WHERE expires_at < ?", Timestamp.from(now));
    }

    private static List<ReportJob> select(String where, Object... parameters) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM report_job " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<ReportJob> jobs = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        jobs.add(job(r));
                    }
                }
                return jobs;
            }
        });
    }

    private static ReportJob job(ResultSet r) throws SQLException {
        return new ReportJob(r.getObject(1, UUID.class), r.getString(2), ReportFormat.valueOf(r.getString(3)), r.getString(4),
                r.getString(5), ReportJob.Status.valueOf(r.getString(6)), (Long) r.getObject(7), r.getLong(8), r.getString(9),
                (Long) r.getObject(10), r.getString(11), instant(r.getTimestamp(12)), instant(r.getTimestamp(13)),
                instant(r.getTimestamp(14)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
