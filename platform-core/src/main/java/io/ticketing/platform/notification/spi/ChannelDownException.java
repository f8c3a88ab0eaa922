package io.ticketing.platform.notification.spi;

/** The channel's server cannot be reached or is refusing everyone for now: try again later, and send nothing else now. */
public class ChannelDownException extends Exception {

    public ChannelDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
