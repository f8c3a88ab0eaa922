package io.ticketing.platform.infrastructure.branding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Custom CSS keeps its looks and loses whatever could load, run or break out of its style element. */
class CssFilterTest {

    @Test
    void harmlessRulesStayAndTheDangerousPartsAreRemovedAndReported() {
        CssFilter.Filtered f = CssFilter.filter("""
                @import url(https://evil.test/x.css);
                .shop-header { background: url(https://evil.test/track.png); color: #fff; font-weight: bold }
                h1 { width: expression(alert(1)); behavior: url(x.htc); letter-spacing: .1em }
                .x { content: "</style><script>alert(1)</script>" }
                @font-face { font-family: x; src: url(a.woff) }
                @media (max-width: 600px) { .brand { -moz-binding: url(x.xml#y); padding: 4px } }
                p { background-image: u\\72l(x); margin: 0 }
                a { color: #c00; background: image-set("https://evil.test/a.png" 1x) }
                """);
        assertThat(f.css()).contains(".shop-header", "color:#fff", "letter-spacing:.1em", "@media", "padding:4px", "margin:0", "color:#c00")
                .doesNotContain("url(", "expression", "behavior", "binding", "<", "@import", "font-face", "image-set", "script");
        assertThat(f.removed()).anyMatch(r -> r.contains("@import")).anyMatch(r -> r.contains("track.png"))
                .anyMatch(r -> r.contains("expression")).anyMatch(r -> r.contains("</style")).anyMatch(r -> r.contains("@font-face"))
                .anyMatch(r -> r.contains("-moz-binding")).anyMatch(r -> r.contains("image-set"));
    }

    @Test
    void nothingOrOnlyBadCssLeavesNothing() {
        assertThat(CssFilter.filter("   ").css()).isNull();
        CssFilter.Filtered f = CssFilter.filter("@import 'x.css';");
        assertThat(f.css()).isNull();
        assertThat(f.removed()).hasSize(1);
    }

    @Test
    void aStyleElementCanNeverBeClosed() {
        CssFilter.Filtered f = CssFilter.filter("a[title=\"</style>\"] { color: red } b { color: blue }");
        assertThat(f.css()).doesNotContain("<").contains("color:blue");
    }
}
