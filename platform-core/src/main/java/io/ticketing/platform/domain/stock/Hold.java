package io.ticketing.platform.domain.stock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tickets set aside for one buyer until {@code expiresAt}; {@code extended} once the buyer has asked for more time. */
public record Hold(UUID id, String buyer, HoldStatus status, Instant createdAt, Instant expiresAt, boolean extended,
                   List<HoldLine> lines) {

    /** Still set aside at {@code now}: active and not run out (the sweep may not have marked it yet). */
    public boolean liveAt(Instant now) {
        return status == HoldStatus.ACTIVE && expiresAt.isAfter(now);
    }

    public int ticketCount() {
        return lines.stream().mapToInt(HoldLine::quantity).sum();
    }
}
