package io.ticketing.platform.infrastructure.tenancy;

/** The platform database could not be reached or refused a statement. */
public class PlatformDataException extends RuntimeException {

    public PlatformDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
