package io.ticketing.platform.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrandingAndHostsTest {

    @Test
    void colourIsAStrictHexCode() {
        assertThat(new Branding(null, "#A1B2C3", null).primaryColor()).isEqualTo("#a1b2c3");
        assertThat(new Branding(null, null, null).primaryColor()).isEqualTo(Branding.DEFAULT_COLOR);
        assertThatThrownBy(() -> new Branding(null, "red;}</style><script>", null))
                .hasMessageContaining("primaryColor");
    }

    @Test
    void logoMustBeAnAbsoluteHttpUrl() {
        assertThat(new Branding("https://cdn.example.com/logo.png", null, null).logoUrl())
                .isEqualTo("https://cdn.example.com/logo.png");
        assertThatThrownBy(() -> new Branding("javascript:alert(1)", null, null)).hasMessageContaining("logoUrl");
        assertThatThrownBy(() -> new Branding("/relative.png", null, null)).hasMessageContaining("logoUrl");
    }

    @Test
    void customCssCannotCloseItsStyleElement() {
        assertThat(new Branding(null, null, "h1 { color: red }").customCss()).isEqualTo("h1 { color: red }");
        assertThatThrownBy(() -> new Branding(null, null, "</style><script>alert(1)</script>"))
                .hasMessageContaining("customCss");
    }

    @Test
    void hostNamesAreNormalizedAndValidated() {
        assertThat(HostNames.normalize(" Tickets.Acme.COM. ")).isEqualTo("tickets.acme.com");
        assertThatThrownBy(() -> HostNames.normalize("localhost")).hasMessageContaining("not a valid host name");
        assertThatThrownBy(() -> HostNames.normalize("acme.com/evil")).hasMessageContaining("not a valid host name");
    }

    @Test
    void hostHeaderLosesItsPortAndCase() {
        assertThat(HostNames.fromHostHeader("Acme.Example.com:8080")).isEqualTo("acme.example.com");
        assertThat(HostNames.fromHostHeader("localhost:8080")).isEqualTo("localhost");
        assertThat(HostNames.fromHostHeader("[::1]:8080")).isNull();
        assertThat(HostNames.fromHostHeader("bad host")).isNull();
        assertThat(HostNames.fromHostHeader(null)).isNull();
    }
}
