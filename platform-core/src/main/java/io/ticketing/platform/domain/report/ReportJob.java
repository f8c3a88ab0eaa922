package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.util.UUID;

/**
 * A report made in the background: who asked, in which format, how far it is (rows written of rows in all), and,
 * once ready, its file's name and size until it expires.
 */
public record ReportJob(UUID id, String requestedBy, ReportFormat format, String locale, String filterJson, Status status,
                        Long rowsTotal, long rowsDone, String fileName, Long fileBytes, String error, Instant createdAt,
                        Instant finishedAt, Instant expiresAt) {

    public enum Status { QUEUED, RUNNING, READY, FAILED }

    /** Percent done, 0 to 100, for a progress bar. */
    public int percent() {
        if (status == Status.READY) {
            return 100;
        }
        if (rowsTotal == null || rowsTotal == 0) {
            return 0;
        }
        return (int) Math.min(99, rowsDone * 100 / rowsTotal);
    }

    public boolean finished() {
        return status == Status.READY || status == Status.FAILED;
    }
}
