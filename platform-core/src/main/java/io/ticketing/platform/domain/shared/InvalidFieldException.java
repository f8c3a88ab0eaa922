package io.ticketing.platform.domain.shared;

/** A request field that breaks a rule; {@link #field()} names it so the caller can point at it. */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
