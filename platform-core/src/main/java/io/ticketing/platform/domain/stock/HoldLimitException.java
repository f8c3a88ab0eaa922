package io.ticketing.platform.domain.stock;

/**
 * A hold asks for more than one order or one buyer may take. Carries no stack trace: an expected
 * answer on the hot path. {@link #limit()} says which rule and {@link #max()} its figure, so a page
 * can say it in the reader's language; the message is the API's English.
 */
public class HoldLimitException extends RuntimeException {

    /** Which rule refused: per order, per buyer, held at once (by the buyer, from the network), per e-mail address. */
    public enum Limit { PER_ORDER, PER_BUYER, HELD_BY_BUYER, HELD_FROM_NETWORK, PER_EMAIL }

    private final String field;
    private final Limit limit;
    private final int max;

    public HoldLimitException(String field, Limit limit, int max, String message) {
        super(message, null, false, false);
        this.field = field;
        this.limit = limit;
        this.max = max;
    }

    public String field() {
        return field;
    }

    public Limit limit() {
        return limit;
    }

    public int max() {
        return max;
    }
}
