package io.ticketing.platform.domain.report;

/**
 * Where a report's figures were read: the read-only replica, the primary because no replica is configured, or the
 * primary because the configured replica could not be reached (the report says so).
 */
public enum ReadSource {
    REPLICA, PRIMARY, PRIMARY_REPLICA_DOWN
}
