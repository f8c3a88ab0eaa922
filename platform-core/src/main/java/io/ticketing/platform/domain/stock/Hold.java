package io.ticketing.platform.domain.stock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tickets set aside for one buyer until {@code expiresAt}. */
public record Hold(UUID id, String buyer, HoldStatus status, Instant createdAt, Instant expiresAt, List<HoldLine> lines) {

    public int ticketCount() {
        return lines.stream().mapToInt(HoldLine::quantity).sum();
    }
}
