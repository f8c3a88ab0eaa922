package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestCheckoutTest {

    private static final Tenant A = new Tenant(1, new TenantSlug("aaa"), "A", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    private static final Tenant B = new Tenant(2, new TenantSlug("bbb"), "B", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);

    private final GuestCheckout guests = guests(SecretBox.newMasterKey());

    static GuestCheckout guests(String masterKey) {
        TenantSecrets secrets = new TenantSecrets();
        CoreServices.inject(secrets, "masterKey", Optional.of(masterKey));
        GuestCheckout guests = new GuestCheckout();
        CoreServices.inject(guests, "secrets", secrets);
        return guests;
    }

    @Test
    void aTokenStandsForOneGuestOfTheShopThatIssuedItAndIsNotStoredAsItIs() {
        String token = TenantContext.callAs(A, guests::issueToken);
        String inA = TenantContext.callAs(A, () -> guests.subjectOf(token));
        assertThat(TenantContext.callAs(A, () -> guests.subjectOf(token))).isEqualTo(inA);
        assertThat(inA).startsWith("guest:").doesNotContain(token).hasSizeLessThanOrEqualTo(64);
        assertThat(GuestCheckout.isGuest(inA)).isTrue();
        assertThat(GuestCheckout.isGuest("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")).as("a realm user's subject").isFalse();
        assertThatThrownBy(() -> TenantContext.runAs(B, () -> guests.subjectOf(token)))
                .as("shop A's token in shop B").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantContext.runAs(A, () -> guests(SecretBox.newMasterKey()).subjectOf(token)))
                .as("under another platform's master key").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAreFreshAndMintedOnesAreRefused() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(TenantContext.callAs(A, guests::issueToken));
        }
        assertThat(tokens).hasSize(1000).allMatch(t -> t.matches("[A-Za-z0-9_-]{43}"));
        // A script's token has the right shape but no MAC of ours: before, any 43 characters were a new guest.
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String minted = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String genuine = tokens.iterator().next();
        String altered = genuine.substring(0, 10) + (genuine.charAt(10) == 'A' ? 'B' : 'A') + genuine.substring(11);
        for (String bad : new String[] {null, "", "short", "x".repeat(44), "a".repeat(42) + "!", minted, altered}) {
            assertThatThrownBy(() -> TenantContext.runAs(A, () -> guests.subjectOf(bad)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> guests.subjectOf(genuine)).as("outside a shop a token is nobody").hasMessageContaining("tenant");
    }
}
