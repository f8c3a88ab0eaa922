package io.ticketing.platform.application;

/** The shop's sign-in service (Keycloak) could not be reached or did not act; nothing was half done, and the request may be sent again. */
public class IdentityServiceDownException extends RuntimeException {

    public IdentityServiceDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
