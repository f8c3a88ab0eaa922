package io.ticketing.platform.domain.tenant;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A logo an organizer uploads, checked by what its bytes are, never by its name or the type the browser claims:
 * PNG, JPEG or WebP, at most {@link #MAX_BYTES} and {@link #MAX_SIDE} pixels a side (read from the image's own
 * header, without decoding it). SVG is refused: it is a document that can carry scripts and links, and the shop
 * would serve it from its own origin; sanitising SVG well is a project of its own, and a raster logo does the job.
 */
public record LogoImage(byte[] content, String contentType, int width, int height, String sha256) {

    public static final int MAX_BYTES = 512 * 1024;
    public static final int MAX_SIDE = 2048;
    public static final int MIN_SIDE = 16;

    /** Checks {@code bytes} and returns the logo, or throws {@link BrandingRefusedException} saying why not. */
    public static LogoImage of(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new BrandingRefusedException("logo", "logo.missing", "Choose an image file to upload");
        }
        if (bytes.length > MAX_BYTES) {
            throw new BrandingRefusedException("logo", "logo.size", "The logo is " + kib(bytes.length)
                    + " KiB; at most " + kib(MAX_BYTES) + " KiB are accepted", kib(bytes.length), kib(MAX_BYTES));
        }
        int[] size;
        String type;
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            type = "image/png";
            size = png(bytes);
        } else if (startsWith(bytes, 0, 0xff, 0xd8, 0xff)) {
            type = "image/jpeg";
            size = jpeg(bytes);
        } else if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            type = "image/webp";
            size = webp(bytes);
        } else if (looksLikeSvg(bytes)) {
            throw new BrandingRefusedException("logo", "logo.svg",
                    "SVG logos are not accepted, because an SVG file can carry scripts: upload a PNG, JPEG or WebP image");
        } else {
            throw new BrandingRefusedException("logo", "logo.type",
                    "This file is not a PNG, JPEG or WebP image (whatever its name says)");
        }
        if (size == null) {
            throw new BrandingRefusedException("logo", "logo.broken", "This " + type + " image is damaged: its size cannot be read");
        }
        int w = size[0];
        int h = size[1];
        if (w > MAX_SIDE || h > MAX_SIDE || w < MIN_SIDE || h < MIN_SIDE) {
            throw new BrandingRefusedException("logo", "logo.dimensions", "The logo is " + w + " × " + h
                    + " pixels; each side must be from " + MIN_SIDE + " to " + MAX_SIDE + " pixels", w, h, MIN_SIDE, MAX_SIDE);
        }
        return new LogoImage(bytes.clone(), type, w, h, sha256(bytes));
    }

    private static int kib(int bytes) {
        return (bytes + 1023) / 1024;
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeSvg(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(java.util.Locale.ROOT);
        return head.contains("<svg");
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int u24le(byte[] b, int i) {
        return u16le(b, i) | (b[i + 2] & 0xff) << 16;
    }

    private static long u32be(byte[] b, int i) {
        return (long) u16be(b, i) << 16 | u16be(b, i + 2);
    }

    /** The IHDR chunk comes first: width and height at bytes 16 and 20. */
    static int[] png(byte[] b) {
        if (b.length < 24 || !startsWith(b, 12, 'I', 'H', 'D', 'R')) {
            return null;
        }
        long w = u32be(b, 16);
        long h = u32be(b, 20);
        return w > Integer.MAX_VALUE || h > Integer.MAX_VALUE ? new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE} : new int[] {(int) w, (int) h};
    }

    /** Walks the markers to the first start-of-frame (SOF0..SOF15 but DHT, JPG and DAC), which holds height and width. */
    static int[] jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                return null; // end of image or start of scan before any frame header
            }
            int length = u16be(b, i + 2);
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return new int[] {u16be(b, i + 7), u16be(b, i + 5)};
            }
            if (length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    /** RIFF....WEBP and then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk that says the canvas size. */
    static int[] webp(byte[] b) {
        if (b.length < 30) {
            return null;
        }
        if (startsWith(b, 12, 'V', 'P', '8', ' ') && startsWith(b, 23, 0x9d, 0x01, 0x2a)) {
            return new int[] {u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff};
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'L') && (b[20] & 0xff) == 0x2f) {
            long bits = (b[21] & 0xffL) | (b[22] & 0xffL) << 8 | (b[23] & 0xffL) << 16 | (b[24] & 0xffL) << 24;
            return new int[] {(int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1};
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'X')) {
            return new int[] {u24le(b, 24) + 1, u24le(b, 27) + 1};
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogoImage other && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "LogoImage[" + contentType + ", " + width + "x" + height + ", " + content.length + " bytes, " + sha256 + "]";
    }
}
