package io.ticketing.platform.domain.stock;

/** A hold asks for more than one order or one buyer may take. Carries no stack trace: an expected answer on the hot path. */
public class HoldLimitException extends RuntimeException {

    private final String field;

    public HoldLimitException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
