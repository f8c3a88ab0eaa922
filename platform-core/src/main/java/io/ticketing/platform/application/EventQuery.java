package io.ticketing.platform.application;

import java.time.OffsetDateTime;

/**
 * Which listed events a buyer asks for: starting in [from, to) (to may be open), optionally at one
 * venue and in one category, at most {@code limit}, soonest first.
 */
public record EventQuery(OffsetDateTime from, OffsetDateTime to, Long venueId, String category, int limit) {

    public static final int MAX_LIMIT = 200;
    /** As wide as the column: a longer one cannot match anything. */
    public static final int MAX_CATEGORY = 60;

    public EventQuery {
        if (from == null) {
            throw new IllegalArgumentException("from is required");
        }
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is between 1 and " + MAX_LIMIT);
        }
        category = category == null || category.isBlank() ? null : category.strip();
        if (category != null && category.length() > MAX_CATEGORY) {
            throw new IllegalArgumentException("category has at most " + MAX_CATEGORY + " characters");
        }
    }

    public static EventQuery upcoming(OffsetDateTime from, int limit) {
        return new EventQuery(from, null, null, null, limit);
    }
}
