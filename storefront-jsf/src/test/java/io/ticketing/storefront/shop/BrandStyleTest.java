package io.ticketing.storefront.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The header's text stays readable on any brand colour an organizer picks. */
class BrandStyleTest {

    @Test
    void contrastIsWcags() {
        assertThat(ShopPage.contrast("#000000", "#ffffff")).isCloseTo(21.0, within(0.01));
        assertThat(ShopPage.contrast("#ffffff", "#ffffff")).isCloseTo(1.0, within(0.01));
        assertThat(ShopPage.contrast("#777777", "#ffffff")).isCloseTo(4.48, within(0.01));
    }

    @Test
    void darkBrandsGetWhiteTextAndColourTheLinks() {
        assertThat(ShopPage.brandStyle("#0b6e4f"))
                .isEqualTo("--brand: #0b6e4f; --on-brand: #ffffff; --brand-text: #0b6e4f;");
    }

    @Test
    void lightBrandsGetInkOnThemAndInkLinks() {
        assertThat(ShopPage.brandStyle("#ffdd00"))
                .isEqualTo("--brand: #ffdd00; --on-brand: #1d1d1f; --brand-text: #1d1d1f;");
        // just below AA on white (4.48:1): links on the page go ink, the header's text black (4.69:1)
        assertThat(ShopPage.brandStyle("#777777")).contains("--on-brand: #000000;").contains("--brand-text: #1d1d1f;");
    }

    @Test
    void midGreyBrandsWhereNeitherWhiteNorInkReachesAaGetBlackText() {
        // #808080: white 3.95:1, ink 4.24:1, black 5.32:1
        assertThat(ShopPage.brandStyle("#808080")).contains("--on-brand: #000000;");
    }

    @Test
    void linkColourIsJudgedOnThePagesBackgroundNotOnWhite() {
        // #757575 is 4.61:1 on white but 4.41:1 on the #fafafa page
        assertThat(ShopPage.contrast("#757575", ShopPage.WHITE)).isGreaterThan(4.5);
        assertThat(ShopPage.brandStyle("#757575")).contains("--brand-text: #1d1d1f;");
    }

    @Test
    void everyBrandColourGivesAaTextInTheHeaderAndForLinks() {
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 15) {
                for (int b = 0; b < 256; b += 15) {
                    String colour = String.format("#%02x%02x%02x", r, g, b);
                    String style = ShopPage.brandStyle(colour);
                    String onBrand = style.replaceAll(".*--on-brand: (#[0-9a-f]{6});.*", "$1");
                    String brandText = style.replaceAll(".*--brand-text: (#[0-9a-f]{6});.*", "$1");
                    assertThat(ShopPage.contrast(colour, onBrand)).as("header text on " + colour).isGreaterThanOrEqualTo(4.5);
                    assertThat(ShopPage.contrast(brandText, ShopPage.PAPER)).as("links for " + colour).isGreaterThanOrEqualTo(4.5);
                }
            }
        }
    }
}
