package io.ticketing.platform.infrastructure.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantContextTest {

    private static final Tenant A = new Tenant(1, new TenantSlug("aaa"), "A", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    private static final Tenant B = new Tenant(2, new TenantSlug("bbb"), "B", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);

    @Test
    void noTenantMeansAnErrorNotADefault() {
        assertThat(TenantContext.current()).isEmpty();
        assertThatThrownBy(TenantContext::require).isInstanceOf(NoTenantContextException.class)
                .hasMessageContaining("No tenant in context");
    }

    @Test
    void scopeEndsWithItsBlockEvenOnFailure() {
        assertThatThrownBy(() -> TenantContext.runAs(A, () -> {
            assertThat(TenantContext.require()).isEqualTo(A);
            throw new IllegalArgumentException("boom");
        })).hasMessage("boom");
        assertThat(TenantContext.current()).isEmpty();
    }

    @Test
    void oneUnitOfWorkNeverSwitchesTenant() {
        TenantContext.runAs(A, () -> {
            assertThat(TenantContext.callAs(A, TenantContext::require)).isEqualTo(A);
            assertThatThrownBy(() -> TenantContext.enter(B)).hasMessageContaining("cannot switch");
            assertThat(TenantContext.require()).isEqualTo(A);
        });
        assertThat(TenantContext.current()).isEmpty();
    }
}
