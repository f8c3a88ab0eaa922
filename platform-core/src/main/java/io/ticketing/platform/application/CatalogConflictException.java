package io.ticketing.platform.application;

/** The catalog is not in a state that allows the change (e.g. putting a cancelled event on sale). */
public class CatalogConflictException extends RuntimeException {

    private final String reason;

    public CatalogConflictException(String message) {
        this(null, message);
    }

    /** With a short code ({@code "cancelled"}, {@code "started"}, ...) a page can say it in the reader's language. */
    public CatalogConflictException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The code of the refusal, or null. */
    public String reason() {
        return reason;
    }
}
