package io.ticketing.identity.admin;

/** A Keycloak admin call failed: {@code unavailable} when Keycloak could not be reached or failed itself (5xx). */
public class RealmAdminException extends RuntimeException {

    private final boolean unavailable;

    public RealmAdminException(boolean unavailable, String message, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public boolean unavailable() {
        return unavailable;
    }
}
