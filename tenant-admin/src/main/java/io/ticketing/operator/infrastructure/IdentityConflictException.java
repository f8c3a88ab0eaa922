package io.ticketing.operator.infrastructure;

/** Keycloak holds something the platform did not make and will not change (an account with the admin's e-mail). */
public class IdentityConflictException extends RuntimeException {

    public IdentityConflictException(String message) {
        super(message);
    }
}
