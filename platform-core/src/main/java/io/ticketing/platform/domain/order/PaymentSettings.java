package io.ticketing.platform.domain.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A shop's payment providers: their credentials, sealed with the shop's key, and whether each is in use. */
public interface PaymentSettings {

    /** The providers the shop has set up and left active, the latest set up first. */
    List<String> activeProviders();

    /** Every provider the shop has set up, and whether it is active. */
    Map<String, Boolean> configured();

    Optional<String> sealedCredentials(String providerId);

    /** Sets up or replaces a provider's sealed credentials. */
    void store(String providerId, String sealedCredentials, boolean active);

    /** Stores these credentials unless some are there already (two nodes racing store one); returns the stored ones. */
    String storeIfAbsent(String providerId, String sealedCredentials);
}
