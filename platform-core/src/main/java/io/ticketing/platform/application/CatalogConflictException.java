package io.ticketing.platform.application;

/** The catalog is not in a state that allows the change (e.g. putting a cancelled event on sale). */
public class CatalogConflictException extends RuntimeException {

    public CatalogConflictException(String message) {
        super(message);
    }
}
