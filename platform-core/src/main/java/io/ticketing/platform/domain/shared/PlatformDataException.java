package io.ticketing.platform.domain.shared;

/** The platform database could not be reached or refused a statement. */
public class PlatformDataException extends RuntimeException {

    public PlatformDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
