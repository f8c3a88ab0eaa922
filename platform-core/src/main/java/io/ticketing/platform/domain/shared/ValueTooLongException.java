package io.ticketing.platform.domain.shared;

/**
 * The database refused a text longer than its column: the caller sent too much, so it is theirs to
 * fix (a 4xx), not a failure of the platform. Fields are checked at the API's edge first; this is the
 * guard behind them, so it names the limit but may not know the field.
 */
public class ValueTooLongException extends InvalidFieldException {

    public ValueTooLongException(String field, String message) {
        super(field, message);
    }
}
