package io.ticketing.platform.domain.tenant;

/**
 * WCAG 2 contrast of brand colours (#rrggbb): the one copy of the formula the shop's pages use to pick readable
 * text on the organizer's colour, and the branding page uses to tell the organizer how readable it is.
 */
public final class BrandColours {

    /** WCAG AA for normal text. */
    public static final double AA = 4.5;

    private BrandColours() {
    }

    /** Contrast ratio of two #rrggbb colours, 1 to 21. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    public static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgb[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
