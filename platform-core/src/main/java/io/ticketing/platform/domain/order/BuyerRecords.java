package io.ticketing.platform.domain.order;

import java.util.List;
import java.util.UUID;

/**
 * Everything the shop holds about one buyer, found by their e-mail address (and the accounts or
 * guest identities that ordered with it), for the buyer's rights of access and erasure.
 */
public interface BuyerRecords {

    /** One order of the buyer: who, in plain, and the rest (amounts, lines, tickets, refunds) as JSON. */
    record BuyerOrder(UUID id, String buyer, String email, String name, String phone, String detailsJson) {
    }

    /** What is held about the buyer: their orders and their holds (JSON array). */
    record Found(List<BuyerOrder> orders, String holdsJson) {
    }

    Found find(String email);

    /** Orders of the buyer that are still open (PENDING): they cannot be erased until they end. */
    int openOrders(String email);

    /**
     * Removes the buyer's personal data: e-mail and name of their orders are replaced, their buyer
     * identities (account subject or guest hash) and client-address hashes become random
     * pseudonyms; amounts, lines, tickets and refunds stay (bookkeeping law). Returns how many
     * orders were touched.
     */
    int erase(String email);
}
