package io.ticketing.platform.application;

/** No such venue, event or ticket type in the current tenant's catalog. */
public class CatalogNotFoundException extends RuntimeException {

    public CatalogNotFoundException(String what, long id) {
        super("No " + what + " " + id + " in this shop");
    }

    public CatalogNotFoundException(String message) {
        super(message);
    }
}
