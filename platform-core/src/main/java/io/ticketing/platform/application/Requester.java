package io.ticketing.platform.application;

/**
 * Who asks the shop for something, as its front door saw them: the buyer (a realm user's subject or
 * a guest's) and the client's address (after trusted proxies), by which limits are also counted.
 */
public record Requester(String buyer, String clientAddress) {

    public Requester {
        if (buyer == null || buyer.isBlank()) {
            throw new IllegalArgumentException("a requester has a buyer");
        }
    }
}
