package io.ticketing.platform.domain.stock;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Holds and the rows of their tickets; the unique index on (ticket type, slot) is the final guard against overselling.
 */
public interface HoldRepository {

    Map<Long, SellableType> sellableTypes(long[] ids);

    /** Tickets of these types the buyer holds or has bought. */
    Map<Long, Integer> ticketsOfBuyer(String buyer, long[] typeIds);

    /**
     * Tickets in active holds (held, or in an order not paid yet), of one buyer or from one client,
     * all events together. Counting stops once {@code enough} holds are seen, so a busy address
     * costs no more than its cap.
     */
    int ticketsHeldNow(String buyer, String clientKey, int enough);

    /**
     * Writes the hold, its lines and one row per ticket; the unique index on slots is the last guard.
     * {@code clientKey} is the keyed hash of the client's address, or null when the platform holds.
     */
    Hold insert(UUID id, String buyer, String clientKey, int holdMinutes, List<HoldLine> lines, List<HeldTicket> tickets);

    Optional<Hold> find(UUID id, String buyer);

    /** Ends an active hold of this buyer; false if there is none such (ended, someone else's, or unknown). */
    boolean release(UUID id, String buyer);

    /**
     * Gives an active, unexpired hold of this buyer, not yet in an order, {@code minutes} more, once;
     * returns its new end, or empty when it cannot be extended (any other case).
     */
    Optional<java.time.Instant> extend(UUID id, String buyer, int minutes);

    /** Releases an active hold whoever holds it (the shop acting, not the buyer). */
    boolean releaseAny(UUID id);

    /** Marks up to {@code limit} due holds expired; rows other nodes are working on are skipped. */
    List<UUID> expireDue(int limit);

    /** Deletes the ticket rows of ended holds and says which they were. */
    List<HeldTicket> deleteTickets(List<UUID> holdIds);

    /** What the database holds for one ticket type: its capacity (with the row's version), numbered slots, and how many have no number. */
    record StoredStock(int capacity, long version, Set<Integer> slots, int unnumbered) {
    }

    Optional<StoredStock> storedStock(long ticketTypeId);

    /** Tickets held or sold per ticket type, counted from the rows (the truth every strategy agrees on). */
    Map<Long, Integer> takenCounts(long[] typeIds);

    /** Tickets of paid orders (sold) and of holds still open (held), per ticket type: rows as the database has them now. */
    record Taken(int sold, int held) {
        public int total() {
            return sold + held;
        }
    }

    /** Sold and held rows per ticket type; types without any are absent. */
    Map<Long, Taken> soldAndHeld(long[] typeIds);

    /** Claims up to {@code limit} ticket types due for a check and pushes them back by {@code intervalSeconds}. */
    List<Long> claimDueChecks(int limit, int intervalSeconds);

}
