package io.ticketing.platform.domain.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a ticket's QR code carries: {@code TKT1.<shop>.<code>.<mac>}, the MAC (HMAC-SHA256 under the
 * shop's own key, first 16 bytes, base64url) over the shop and the code. A scanner refuses a forged or
 * altered pass, or another shop's, from the text alone, before the database is asked.
 */
public record TicketPass(String shop, String code) {

    public static final String VERSION = "TKT1";
    /** The purpose the shop's MAC key is derived for; no other MAC of the shop's verifies as a pass. */
    public static final String MAC_PURPOSE = "ticket-pass";

    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{8,40}");
    private static final Pattern SHOP = Pattern.compile("[a-z0-9-]{1,63}");

    public TicketPass {
        if (shop == null || !SHOP.matcher(shop).matches() || code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("Not a ticket pass: shop " + shop + ", code " + code);
        }
    }

    /** What a scan reads, as text. */
    public String encode(Function<byte[], byte[]> macOfShop) {
        return VERSION + "." + shop + "." + code + "." + mac(macOfShop);
    }

    private String mac(Function<byte[], byte[]> macOfShop) {
        byte[] full = macOfShop.apply((shop + "." + code).getBytes(StandardCharsets.US_ASCII));
        byte[] cut = new byte[16];
        System.arraycopy(full, 0, cut, 0, cut.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
    }

    /** What a scanned text turned out to be. */
    public sealed interface Scan permits Genuine, OtherShop, Forged, Unreadable {
    }

    /** Signed by this shop's key: the code may be looked up. */
    public record Genuine(TicketPass pass) implements Scan {
    }

    /** A well-formed pass naming another shop: never looked up here (its MAC cannot be checked with this shop's key). */
    public record OtherShop(String shop) implements Scan {
    }

    /** Names this shop but its MAC does not hold: forged, or altered after it was issued. */
    public record Forged() implements Scan {
    }

    /** Not a pass at all (a typed code is looked up as a code, not read as a pass). */
    public record Unreadable() implements Scan {
    }

    /**
     * Reads a scanned text for {@code thisShop}, checking its MAC with {@code macOfShop} (this shop's key)
     * in constant time.
     */
    public static Scan read(String scanned, String thisShop, Function<byte[], byte[]> macOfShop) {
        if (scanned == null) {
            return new Unreadable();
        }
        String[] parts = scanned.trim().split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            return new Unreadable();
        }
        TicketPass pass;
        try {
            pass = new TicketPass(parts[1], parts[2]);
        } catch (IllegalArgumentException e) {
            return new Unreadable();
        }
        if (!pass.shop().equals(thisShop)) {
            return new OtherShop(pass.shop());
        }
        boolean holds = MessageDigest.isEqual(pass.mac(macOfShop).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII));
        return holds ? new Genuine(pass) : new Forged();
    }

    /** Whether a typed text looks like a bare ticket code (as printed under the QR code). */
    public static Optional<String> typedCode(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace(" ", "");
        return CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }
}
