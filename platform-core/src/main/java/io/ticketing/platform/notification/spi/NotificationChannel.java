package io.ticketing.platform.notification.spi;

/**
 * Sends messages of one medium for one shop. Made for one round of the relay and closed after it, so it
 * may keep a connection open across the round's messages.
 */
public interface NotificationChannel extends AutoCloseable {

    void send(OutgoingMessage message) throws ChannelDownException, MessageRefusedException;

    @Override
    default void close() {
    }
}
