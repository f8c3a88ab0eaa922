package io.ticketing.operator.application;

/** A request field that breaks a rule; {@link #field()} names it for the caller. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
