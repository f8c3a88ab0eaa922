package io.ticketing.platform.infrastructure.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counting per tenant and key on a real (single, loopback) Hazelcast member. */
class TenantRateLimiterTest {

    private static final Tenant A = tenant(201, "rate-a");
    private static final Tenant B = tenant(202, "rate-b");
    private static HazelcastInstance member;
    private static TenantRateLimiter limiter;

    @BeforeAll
    static void startMember() {
        member = LoopbackHazelcast.member("rate-test");
        limiter = new TenantRateLimiter(member);
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    @Test
    void aKeyGetsItsLimitPerMinuteInItsOwnShopOnly() throws Exception {
        awayFromAMinutesEdge();
        assertThat(IntStream.range(0, 5).filter(i -> allowed(A, "10.0.0.1")).count()).isEqualTo(3);
        assertThat(allowed(A, "10.0.0.2")).as("another address").isTrue();
        assertThat(allowed(B, "10.0.0.1")).as("the same address in another shop").isTrue();
        assertThat(TenantContext.callAs(A, () -> limiter.allow("other-action", "10.0.0.1", 3))).as("another action").isTrue();
    }

    @Test
    void withTheGridGoneRequestsGoThrough() {
        HazelcastInstance doomed = LoopbackHazelcast.member("rate-doomed");
        TenantRateLimiter orphan = new TenantRateLimiter(doomed);
        doomed.shutdown();
        assertThat(TenantContext.callAs(A, () -> orphan.allow("new-guest", "10.0.0.9", 0))).isTrue();
    }

    private static boolean allowed(Tenant tenant, String address) {
        return TenantContext.callAs(tenant, () -> limiter.allow("new-guest", address, 3));
    }

    /** The window is a clock minute: start a counting test well inside one. */
    private static void awayFromAMinutesEdge() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 55_000) {
            Thread.sleep(60_500 - intoMinute);
        }
    }

    private static Tenant tenant(long id, String slug) {
        return new Tenant(id, new TenantSlug(slug), slug, TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    }
}
