package io.ticketing.platform.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a signed-in person may be sent back to: this site's own paths only. */
class OidcBrowserFlowTest {

    @Test
    void onlySameOriginPathsAreReturnedTo() {
        assertThat(OidcBrowserFlow.isLocalPath("/")).isTrue();
        assertThat(OidcBrowserFlow.isLocalPath("/manage/index.xhtml?tab=orders#top")).isTrue();
        assertThat(OidcBrowserFlow.isLocalPath("/account/profile.xhtml")).isTrue();
        for (String elsewhere : new String[] {null, "", "evil.com", "https://evil.com/", "//evil.com", "/\\evil.com",
                "\\\\evil.com", "/\\/evil.com", "/\t/evil.com", "/\n/evil.com", "/\r\n//evil.com",
                "javascript:alert(1)", "/ /evil.com", "/\u0000/evil.com"}) {
            assertThat(OidcBrowserFlow.isLocalPath(elsewhere)).as("%s", elsewhere).isFalse();
        }
    }
}
