package io.ticketing.platform.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * Orders as staff and buyers look for them, and what earlier orders count against a per-buyer limit.
 */
public interface OrderSearches {

    /** What staff search orders by; null fields do not filter. */
    record Search(OrderStatus status, Long eventId, String email, Instant from, Instant to, String buyer,
                         boolean stuckOnly, int limit) {
    }

    /**
     * Orders matching the search, newest first, without lines. "Stuck" means: still PENDING a minute
     * past its time (the sweep has not run), or flagged for review (money and stock disagree).
     */
    List<OrderView> search(Search q);

    /** A per-buyer limit of a ticket type, and how many of it this e-mail address already has in live orders. */
    record EmailLimit(long ticketTypeId, String name, int maxPerBuyer, int alreadyOrdered) {
    }

    /**
     * The per-buyer limits among these ticket types, each with the tickets already counted against
     * this e-mail address: its paid orders (less refunded), and this buyer's own pending ones. Other
     * people's unpaid orders naming the address do not count, so nobody can lock its owner out.
     */
    List<EmailLimit> emailLimits(String buyer, String email, long[] typeIds);
}
