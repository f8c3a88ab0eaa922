package io.ticketing.identity.admin;

/**
 * A Keycloak admin call failed: {@code unavailable} when Keycloak could not be reached or failed itself (5xx);
 * {@code conflict} when what is there already is not the platform's to change (a user it did not create).
 */
public class RealmAdminException extends RuntimeException {

    private final boolean unavailable;
    private final boolean conflict;

    public RealmAdminException(boolean unavailable, String message, Throwable cause) {
        this(unavailable, false, message, cause);
    }

    private RealmAdminException(boolean unavailable, boolean conflict, String message, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
        this.conflict = conflict;
    }

    public static RealmAdminException conflict(String message) {
        return new RealmAdminException(false, true, message, null);
    }

    public boolean conflict() {
        return conflict;
    }

    public boolean unavailable() {
        return unavailable;
    }
}
