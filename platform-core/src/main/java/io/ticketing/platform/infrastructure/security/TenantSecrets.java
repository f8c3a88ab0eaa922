package io.ticketing.platform.infrastructure.security;

import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A tenant's secrets, sealed at rest with the tenant's own key: the storefront client secret, payment credentials. */
@ApplicationScoped
public class TenantSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TenantRegistry registry;

    @Inject
    @ConfigProperty(name = "ticketing.secrets.master-key")
    Optional<String> masterKey;

    private volatile SecretBox box;

    /** The secret the tenant's realm knows its storefront client by; made and stored on first use. */
    public String storefrontClientSecret(Tenant tenant) {
        String sealed = registry.sealedStorefrontSecret(tenant.slug()).orElseGet(() -> {
            String fresh = newSecret();
            // Two nodes racing here store one secret: the loser reads the winner's.
            return registry.storeSealedStorefrontSecretIfAbsent(tenant.slug(), box().seal(tenant.slug().value(), fresh));
        });
        return box().open(tenant.slug().value(), sealed);
    }

    /** Seals anything of this tenant's (payment credentials, say) under the tenant's own key. */
    public String seal(Tenant tenant, String plaintext) {
        return box().seal(tenant.slug().value(), plaintext);
    }

    public String open(Tenant tenant, String sealed) {
        return box().open(tenant.slug().value(), sealed);
    }

    /** A MAC under the tenant's own key for {@code purpose}; see {@link SecretBox#mac}. */
    public byte[] mac(Tenant tenant, String purpose, byte[] data) {
        return box().mac(tenant.slug().value(), purpose, data);
    }

    /** A keyed hash standing in for {@code value} in this tenant; see {@link SecretBox#blindIndex}. */
    public String blindIndex(Tenant tenant, String purpose, String value) {
        return box().blindIndex(tenant.slug().value(), purpose, value);
    }

    /** A fresh random secret, 256 bits, URL-safe. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private SecretBox box() {
        SecretBox current = box;
        if (current == null) {
            box = current = new SecretBox(masterKey.orElse(null));
        }
        return current;
    }
}
