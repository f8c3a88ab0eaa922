package io.ticketing.operator.application;

/** No tenant by that slug. */
public class TenantNotFoundException extends RuntimeException {

    public TenantNotFoundException(String slug) {
        super("No tenant '" + slug + "'");
    }
}
