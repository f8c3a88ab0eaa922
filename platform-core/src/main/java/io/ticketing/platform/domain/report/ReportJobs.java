package io.ticketing.platform.domain.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Background report jobs and their files, in the current tenant transaction. */
public interface ReportJobs {

    void insert(UUID id, String requestedBy, ReportFormat format, String locale, String filterJson, Instant expiresAt);

    /** The job if {@code requestedBy} asked for it: a job is nobody else's business, not even a colleague's. */
    Optional<ReportJob> find(UUID id, String requestedBy);

    List<ReportJob> recent(String requestedBy, int limit);

    /**
     * Claims the oldest queued job, or a running one whose node has not been heard of for {@code stale}, for
     * {@code node}; at most {@code maxAttempts} tries per job (the last failed one is marked FAILED instead).
     */
    Optional<ReportJob> claim(String node, Duration stale, int maxAttempts);

    /** Progress of a job this node holds; false if it is no longer this node's (taken over after a stall). */
    boolean progress(UUID id, String node, long rowsTotal, long rowsDone);

    /** Stores the file in chunks and marks the job ready, if this node still holds it. */
    boolean complete(UUID id, String node, String fileName, long bytes, InputStream file) throws IOException;

    void fail(UUID id, String node, String error);

    /** Copies a ready job's file to {@code out}, a chunk at a time. */
    void copyFile(UUID id, OutputStream out) throws IOException;

    int deleteExpired(Instant now);
}
