package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * Seals a buyer's personal data (e-mail address, name) under the current tenant's own key before
 * it reaches a row, opens it when read, and gives the blind index an address is found by. Only the
 * order repositories use it: above them, buyer data is plain; below, it never is.
 */
@ApplicationScoped
public class BuyerDataCipher {

    static final String SEALED_PREFIX = "v1.";
    private static final String EMAIL_INDEX = "buyer-email";

    @Inject
    TenantSecrets secrets;

    public BuyerDataCipher() {
    }

    /** For hand wiring in tests. */
    public BuyerDataCipher(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    public String seal(String plain) {
        return plain == null ? null : secrets.seal(TenantContext.require(), plain);
    }

    /** The plain value; a row from before sealing (no prefix) is read as it is until it is sealed. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(SEALED_PREFIX)) {
            return stored;
        }
        return secrets.open(TenantContext.require(), stored);
    }

    /** The blind index of an e-mail address: equal for the same address in any case, in this tenant only. */
    public String emailIndex(String email) {
        return email == null ? null
                : secrets.blindIndex(TenantContext.require(), EMAIL_INDEX, email.strip().toLowerCase(Locale.ROOT));
    }
}
