package io.ticketing.operator.infrastructure;

/** Keycloak could not be reached, or refused the platform's admin credentials. Retry later. */
public class IdentityUnavailableException extends RuntimeException {

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
