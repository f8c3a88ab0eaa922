package io.ticketing.platform.domain.stock;

/** A hold asks for more than one order or one buyer may take. */
public class HoldLimitException extends RuntimeException {

    private final String field;

    public HoldLimitException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
