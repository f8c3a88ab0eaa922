package io.ticketing.platform.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = new SecretBox(SecretBox.newMasterKey());

    @Test
    void sealsAndOpensForTheSameTenant() {
        String sealed = box.seal("acme", "client-secret-123");
        assertThat(sealed).startsWith("v1.").doesNotContain("client-secret-123");
        assertThat(box.open("acme", sealed)).isEqualTo("client-secret-123");
        assertThat(box.seal("acme", "client-secret-123")).isNotEqualTo(sealed); // fresh nonce each time
    }

    @Test
    void anotherTenantOrAnotherMasterKeyCannotOpenIt() {
        String sealed = box.seal("acme", "client-secret-123");
        assertThatThrownBy(() -> box.open("other", sealed)).hasMessageContaining("does not belong to tenant 'other'");
        assertThatThrownBy(() -> new SecretBox(SecretBox.newMasterKey()).open("acme", sealed))
                .isInstanceOf(IllegalArgumentException.class);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> box.open("acme", tampered)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingOrShortMasterKeyIsAClearError() {
        assertThatThrownBy(() -> new SecretBox(null)).hasMessageContaining("ticketing.secrets.master-key is not set");
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
