package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions to scheduled reports, in the current tenant transaction. */
public interface ReportSubscriptions {

    /** Adds it; false when its subscriber already has one of the same frequency, format and filter. */
    boolean insert(ReportSubscription subscription);

    /** The subscriber's own of the same frequency, format and filter as {@code like}, if they have one. */
    Optional<ReportSubscription> same(ReportSubscription like);

    Optional<ReportSubscription> find(UUID id);

    /** The subscriber's subscriptions, oldest first. */
    List<ReportSubscription> of(String subject);

    /** Deletes it if {@code subject} owns it (anyone else's is, to them, not there). */
    boolean delete(UUID id, String subject);

    /** Claims up to {@code limit} subscriptions due at {@code now}, locked until the transaction ends (SKIP LOCKED). */
    List<ReportSubscription> claimDue(Instant now, int limit);

    void reschedule(UUID id, Instant nextRunAt);
}
