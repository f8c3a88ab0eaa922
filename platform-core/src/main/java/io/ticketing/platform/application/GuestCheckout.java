package io.ticketing.platform.application;

import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Guest checkout, where the shop turns it on: a buyer without an account gets a guest token with
 * their first hold and shows it for their holds and orders. The token is 256 random bits; only its
 * hash, salted with the tenant's id, is stored as the buyer. So a database copy lets nobody act as
 * a guest, and a token from shop A is a stranger in shop B. The e-mail address given at checkout is
 * where the tickets go, and per-buyer limits are also counted by it.
 */
@ApplicationScoped
public class GuestCheckout {

    private static final String SUBJECT_PREFIX = "guest:";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TenantTransactions transactions;

    @Inject
    CheckoutSettings settings;

    public boolean enabled() {
        return transactions.inTransaction(settings::guestCheckout);
    }

    public void setEnabled(boolean enabled) {
        transactions.run(() -> settings.setGuestCheckout(enabled));
    }

    /** A new guest's token: shown to the guest once, never stored. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The buyer a guest token stands for in the current shop.
     *
     * @throws IllegalArgumentException when it is not a token this platform could have issued
     */
    public static String subjectOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("not a guest token");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (TenantContext.require().id() + ":" + token).getBytes(StandardCharsets.UTF_8));
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
