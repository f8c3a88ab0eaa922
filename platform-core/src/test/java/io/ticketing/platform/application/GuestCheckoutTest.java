package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestCheckoutTest {

    private static final Tenant A = new Tenant(1, new TenantSlug("aaa"), "A", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    private static final Tenant B = new Tenant(2, new TenantSlug("bbb"), "B", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);

    @Test
    void aTokenStandsForOneGuestInOneShopAndIsNotStoredAsItIs() {
        String token = GuestCheckout.newToken();
        String inA = TenantContext.callAs(A, () -> GuestCheckout.subjectOf(token));
        assertThat(TenantContext.callAs(A, () -> GuestCheckout.subjectOf(token))).isEqualTo(inA);
        assertThat(TenantContext.callAs(B, () -> GuestCheckout.subjectOf(token))).as("the same token in another shop").isNotEqualTo(inA);
        assertThat(inA).startsWith("guest:").doesNotContain(token).hasSizeLessThanOrEqualTo(64);
        assertThat(GuestCheckout.isGuest(inA)).isTrue();
        assertThat(GuestCheckout.isGuest("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")).as("a realm user's subject").isFalse();
    }

    @Test
    void tokensAreFreshAndOnlyWellFormedOnesAreTaken() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(GuestCheckout.newToken());
        }
        assertThat(tokens).hasSize(1000).allMatch(t -> t.matches("[A-Za-z0-9_-]{43}"));
        for (String bad : new String[] {null, "", "short", "x".repeat(44), "a".repeat(42) + "!"}) {
            assertThatThrownBy(() -> TenantContext.runAs(A, () -> GuestCheckout.subjectOf(bad)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> GuestCheckout.subjectOf(GuestCheckout.newToken()))
                .as("outside a shop a token is nobody").hasMessageContaining("tenant");
    }
}
