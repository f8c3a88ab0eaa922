package io.ticketing.platform.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TenantSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "abc", "city-jazz-festival", "club42", "a1-b2-c3", "abcdefghijabcdefghijabcdefghijabcdefghij"})
    void acceptsLowercaseLettersDigitsAndInnerHyphens(String slug) {
        assertThat(new TenantSlug(slug).value()).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Acme", "acme_x", "-acme", "acme-", "ac--me", "acme.com", "a b c",
            "acme;drop", "tenant\"x", "ünï"})
    void refusesAnythingElse(String slug) {
        assertThatThrownBy(() -> new TenantSlug(slug))
                .isInstanceOf(InvalidTenantSlugException.class)
                .hasMessageContaining(slug);
    }

    @Test
    void refusesTooLongWithAReason() {
        assertThat(TenantSlug.problemWith("x".repeat(41))).isEqualTo("a slug has 3 to 40 characters");
        assertThat(TenantSlug.problemWith(null)).isEqualTo("a slug is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "api", "operator", "www", "platform", "manage"})
    void refusesReservedWords(String slug) {
        assertThat(TenantSlug.problemWith(slug)).contains("reserved");
    }

    @Test
    void schemaNameIsPrefixedAndSqlSafe() {
        assertThat(new TenantSlug("city-jazz").schemaName()).isEqualTo("tenant_city_jazz");
        assertThat(new TenantSlug("x".repeat(40)).schemaName()).hasSizeLessThanOrEqualTo(63);
    }
}
