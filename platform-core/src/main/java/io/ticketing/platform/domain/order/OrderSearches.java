package io.ticketing.platform.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * Orders as staff and buyers look for them, and what earlier orders count against a per-buyer limit.
 */
public interface OrderSearches {

    /**
     * What staff search orders by; null fields do not filter. {@code orderNumber} is the start of the order's id
     * (the 8-character number buyers see, or the whole id), lower case, hex digits and dashes only;
     * {@code offset} skips that many results (paging).
     */
    record Search(OrderStatus status, Long eventId, String email, Instant from, Instant to, String buyer,
                         boolean stuckOnly, int limit, String orderNumber, int offset) {

        public Search {
            if (orderNumber != null && !orderNumber.matches("[0-9a-f-]{1,36}")) {
                throw new IllegalArgumentException("an order number is the start of an order id");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset " + offset);
            }
        }

        public Search(OrderStatus status, Long eventId, String email, Instant from, Instant to, String buyer,
                      boolean stuckOnly, int limit) {
            this(status, eventId, email, from, to, buyer, stuckOnly, limit, null, 0);
        }
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
