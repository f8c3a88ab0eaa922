package io.ticketing.platform.domain.order;



/**
 * Messages written in the transaction that made them true, for a sender to deliver later.
 */
public interface Outbox {

    /** Written in the transaction that made it true; a later sender delivers it. */
    void add(String topic, String jsonPayload);

    /** What waits: events not yet turned into deliveries, and deliveries not yet sent; the oldest's age in seconds (0 when none). */
    record Backlog(long waiting, double oldestSeconds) {
    }

    Backlog backlog();
}
