package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Guest checkout, where the shop turns it on: a buyer without an account gets a guest token with
 * their first hold and shows it for their holds and orders.
 *
 * <p>A token is 128 random bits and a 128-bit MAC of them under the shop's own key, so only tokens
 * this shop issued are accepted: a script cannot mint fresh guests to step around per-buyer limits
 * (new guests are capped per client address where they are issued). Only the token's hash, salted
 * with the tenant's id, is stored as the buyer: a database copy lets nobody act as a guest, and a
 * token of shop A is refused in shop B. The e-mail address given at checkout is where the tickets
 * go, and per-buyer limits are also counted by it.
 */
@ApplicationScoped
public class GuestCheckout {

    private static final String SUBJECT_PREFIX = "guest:";
    private static final String MAC_PURPOSE = "guest-token";
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TenantTransactions transactions;

    @Inject
    CheckoutSettings settings;

    @Inject
    TenantSecrets secrets;

    public boolean enabled() {
        return transactions.inTransaction(settings::guestCheckout);
    }

    /** A new guest's token for the current shop: shown to the guest once, never stored. */
    public String issueToken() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] mac = Arrays.copyOf(secrets.mac(TenantContext.require(), MAC_PURPOSE, random), MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(RANDOM_BYTES + MAC_BYTES).put(random).put(mac).array());
    }

    /**
     * The buyer a guest token stands for in the current shop.
     *
     * @throws IllegalArgumentException when this shop did not issue the token
     */
    public String subjectOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("not a guest token");
        }
        Tenant tenant = TenantContext.require();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        byte[] expected = Arrays.copyOf(secrets.mac(tenant, MAC_PURPOSE, Arrays.copyOf(raw, RANDOM_BYTES)), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, RANDOM_BYTES, raw.length))) {
            throw new IllegalArgumentException("not a guest token of this shop");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (tenant.id() + ":" + token).getBytes(StandardCharsets.UTF_8));
            return SUBJECT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an order's or hold's buyer is a guest rather than an account of the shop's realm. */
    public static boolean isGuest(String buyer) {
        return buyer != null && buyer.startsWith(SUBJECT_PREFIX);
    }
}
