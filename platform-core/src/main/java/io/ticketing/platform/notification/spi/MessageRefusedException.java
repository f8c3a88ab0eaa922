package io.ticketing.platform.notification.spi;

/** This message was refused (a bad address, say); the channel itself works. */
public class MessageRefusedException extends Exception {

    public MessageRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
