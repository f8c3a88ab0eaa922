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
        // just below AA on white: white still reads better on it than ink, but links on white go ink
        assertThat(ShopPage.brandStyle("#777777")).contains("--brand-text: #1d1d1f;");
    }
}
