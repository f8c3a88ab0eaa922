package io.ticketing.platform.infrastructure.payment.sandbox;

import io.ticketing.platform.payment.spi.InvalidCallbackException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox's callback signature, in the style of Stripe's: header
 * {@code Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the shop's
 * secret. The timestamp is signed too, so an old callback cannot be replayed with a new one.
 */
public final class SandboxSignature {

    public static final String HEADER = "Sandbox-Signature";
    /** How far a callback's timestamp may be from our clock, either way. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private SandboxSignature() {
    }

    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /** Passes a genuine, fresh signature; anything else is refused with the reason. */
    public static void verify(String secret, String header, byte[] body, Instant now) throws InvalidCallbackException {
        if (header == null || header.isBlank()) {
            throw new InvalidCallbackException("missing " + HEADER + " header");
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            try {
                if (kv[0].equals("t")) {
                    t = Long.parseLong(kv[1]);
                } else if (kv[0].equals("v1")) {
                    given = HexFormat.of().parseHex(kv[1]);
                }
            } catch (IllegalArgumentException unreadable) {
                throw new InvalidCallbackException("unreadable " + HEADER + " header");
            }
        }
        if (t == null || given == null) {
            throw new InvalidCallbackException("incomplete " + HEADER + " header");
        }
        // Compared as seconds, without overflow: an Instant cannot hold every long a sender may put here.
        long skew;
        try {
            skew = Math.abs(Math.subtractExact(now.getEpochSecond(), t));
        } catch (ArithmeticException farOff) {
            skew = Long.MAX_VALUE;
        }
        if (skew > REPLAY_WINDOW.toSeconds()) {
            throw new InvalidCallbackException("callback timestamp outside the replay window");
        }
        if (!MessageDigest.isEqual(mac(secret, t, body), given)) {
            throw new InvalidCallbackException("signature does not match");
        }
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
