package io.ticketing.platform.infrastructure.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a tenant's secrets at rest (its storefront client secret; later payment credentials)
 * with AES-256-GCM under a key of that tenant's own, derived from the platform's master key with
 * HMAC-SHA256 over the tenant's slug. A ciphertext of one tenant does not open under another's
 * key, and the tenant's slug is bound in as associated data.
 *
 * <p>Format: {@code v1.<base64url(12-byte nonce || ciphertext+tag)>}.
 */
public final class SecretBox {

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] masterKey;
    private final Map<String, byte[]> derived = new ConcurrentHashMap<>();

    /** @param masterKeyBase64 32 random bytes, base64 (config {@code ticketing.secrets.master-key}) */
    public SecretBox(String masterKeyBase64) {
        if (masterKeyBase64 == null || masterKeyBase64.isBlank()) {
            throw new IllegalStateException("ticketing.secrets.master-key is not set: tenant secrets cannot be stored");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(masterKeyBase64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ticketing.secrets.master-key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("ticketing.secrets.master-key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.masterKey = key;
    }

    public static String newMasterKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String seal(String tenantSlug, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, tenantKey(tenantSlug), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(tenantSlug.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret of tenant '" + tenantSlug + "'", e);
        }
    }

    public String open(String tenantSlug, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, tenantKey(tenantSlug), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(tenantSlug.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("This secret does not belong to tenant '" + tenantSlug
                    + "' or was encrypted under another master key");
        }
    }

    /**
     * A MAC of {@code data} under the tenant's own key for {@code purpose} (guest tokens, blind
     * indexes): only the platform can make one, and one tenant's never matches another's.
     */
    public byte[] mac(String tenantSlug, String purpose, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive("tenant-" + purpose + "-key:" + tenantSlug), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * A keyed hash of {@code value} that stands in for it where equality is all that is needed
     * (searching by e-mail, counting by client address): 43 URL-safe characters, not reversible
     * without the master key, different in every tenant.
     */
    public String blindIndex(String tenantSlug, String purpose, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac(tenantSlug, "index-" + purpose, value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A key derived from the master key for {@code label}, kept once made: derived keys are asked
     * for on hot paths (every hold hashes its client address, every order seals its buyer), and
     * they are no more secret in memory than the master key they come from. One per tenant and purpose.
     */
    private byte[] derive(String label) throws GeneralSecurityException {
        byte[] key = derived.get(label);
        if (key == null) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            key = mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
            derived.putIfAbsent(label, key);
        }
        return key;
    }

    private SecretKeySpec tenantKey(String tenantSlug) throws GeneralSecurityException {
        return new SecretKeySpec(derive("tenant-secret-key:" + tenantSlug), "AES");
    }
}
