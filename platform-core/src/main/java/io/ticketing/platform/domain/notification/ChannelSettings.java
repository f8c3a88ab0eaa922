package io.ticketing.platform.domain.notification;

import java.util.List;
import java.util.Optional;

/** The channels the current shop chose (an SMS provider), their credentials sealed with the shop's key. */
public interface ChannelSettings {

    /** A channel as the shop set it up. */
    record Configured(String channel, String medium, String sealedCredentials, boolean active) {
    }

    List<Configured> all();

    /** The shop's active channel of a medium, if any. */
    Optional<Configured> active(String medium);

    Optional<Configured> find(String channel);

    /** Sets up or replaces a channel; made active, it takes over from the medium's other channels. */
    void store(String channel, String medium, String sealedCredentials, boolean active);
}
