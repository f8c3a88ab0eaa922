package io.ticketing.platform.domain.stock;

import java.util.UUID;

/** One row of hold_slot: a ticket held (or sold) for a hold; {@code slot} is null under the database-only strategies. */
public record HeldTicket(UUID holdId, long ticketTypeId, Integer slot) {

    /** The token a hold's slots carry in the shared ledger. */
    public static long token(UUID holdId) {
        return holdId.getMostSignificantBits() ^ holdId.getLeastSignificantBits();
    }
}
