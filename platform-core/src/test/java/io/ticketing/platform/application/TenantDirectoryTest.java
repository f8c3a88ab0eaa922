package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a node remembers of the registry: an answer (a "no such shop" too) for the stated time and
 * no longer, so a suspension reaches the pages within it; nothing when turned off; a failure never;
 * while the registry is down, an answer known within the stale time.
 */
class TenantDirectoryTest {

    private static final Tenant OPEN = tenant(TenantStatus.ACTIVE);
    private static final Tenant SUSPENDED = tenant(TenantStatus.SUSPENDED);

    /** The registry's answers, changed by the test as an operator would change the rows; reads counted. */
    static final class Rows extends TenantRegistry {
        final Map<String, Tenant> byHost = new HashMap<>();
        final Map<String, Tenant> bySlug = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        boolean down;

        Rows() {
            super(null);
        }

        @Override
        public Optional<Tenant> findByHost(String host) {
            return read(byHost.get(host));
        }

        @Override
        public Optional<Tenant> findBySlug(TenantSlug slug) {
            return read(bySlug.get(slug.value()));
        }

        private Optional<Tenant> read(Tenant tenant) {
            reads.incrementAndGet();
            if (down) {
                throw new PlatformDataException("registry down", null);
            }
            return Optional.ofNullable(tenant);
        }
    }

    private final Rows rows = new Rows();
    private long now = 1_000_000_000L;

    private TenantDirectory directory(long freshForMillis) {
        TenantDirectory directory = new TenantDirectory();
        directory.registry = rows;
        directory.freshForMillis = freshForMillis;
        directory.staleIfErrorMillis = 300_000;
        directory.nanoClock = () -> now;
        return directory;
    }

    @Test
    void aSuspensionReachesThePagesWithinTheStatedTimeAndNotBefore() {
        TenantDirectory directory = directory(1000);
        rows.bySlug.put("shop", OPEN);
        assertThat(directory.bySlug(new TenantSlug("shop"))).contains(OPEN);
        rows.bySlug.put("shop", SUSPENDED);
        now += 999_000_000L;
        assertThat(directory.bySlug(new TenantSlug("shop"))).contains(OPEN);
        assertThat(rows.reads).hasValue(1);
        now += 1_000_000L;
        assertThat(directory.bySlug(new TenantSlug("shop"))).contains(SUSPENDED);
        assertThat(rows.reads).hasValue(2);
    }

    @Test
    void hostsAndSlugsAreRememberedApartAndSoIsNoShop() {
        TenantDirectory directory = directory(1000);
        rows.bySlug.put("shop", OPEN);
        for (int i = 0; i < 100; i++) {
            assertThat(directory.byHost("127.0.0.1")).isEmpty();
            assertThat(directory.bySlug(new TenantSlug("shop"))).contains(OPEN);
            assertThat(directory.byHost("shop")).isEmpty(); // a host named like the slug is another question
        }
        assertThat(rows.reads).hasValue(3);
    }

    @Test
    void turnedOffEveryLookupReadsTheRegistry() {
        TenantDirectory directory = directory(0);
        rows.byHost.put("shop.example.com", OPEN);
        directory.byHost("shop.example.com");
        directory.byHost("shop.example.com");
        assertThat(rows.reads).hasValue(2);
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        TenantDirectory directory = directory(1000);
        rows.byHost.put("shop.example.com", OPEN);
        rows.down = true;
        assertThatThrownBy(() -> directory.byHost("shop.example.com")).isInstanceOf(PlatformDataException.class);
        rows.down = false;
        assertThat(directory.byHost("shop.example.com")).contains(OPEN);
    }

    @Test
    void whileTheRegistryIsDownAnAnswerKnownWithinTheStatedTimeIsUsedAgainAndNoneOlder() {
        TenantDirectory directory = directory(1000);
        rows.bySlug.put("shop", OPEN);
        assertThat(directory.bySlug(new TenantSlug("shop"))).contains(OPEN);
        rows.down = true;
        now += 1_000_000_000L + 299_999_000_000L; // its freshness over, and just within the stale time after it
        assertThat(directory.bySlug(new TenantSlug("shop"))).contains(OPEN);
        assertThatThrownBy(() -> directory.bySlug(new TenantSlug("never-seen"))).isInstanceOf(PlatformDataException.class);
        now += 1_000_000L;
        assertThatThrownBy(() -> directory.bySlug(new TenantSlug("shop"))).isInstanceOf(PlatformDataException.class);
        rows.down = false;
        rows.bySlug.put("shop", SUSPENDED);
        assertThat(directory.bySlug(new TenantSlug("shop"))).as("read again once it is back").contains(SUSPENDED);
    }

    @Test
    void aFloodOfMadeUpHostsDoesNotGrowTheMemoryWithoutBound() {
        TenantDirectory directory = directory(60_000);
        rows.byHost.put("shop.example.com", OPEN);
        directory.byHost("shop.example.com");
        for (int i = 0; i < TenantDirectory.MAX_ENTRIES + 10; i++) {
            directory.byHost("nobody-" + i + ".example.com");
        }
        int before = rows.reads.get();
        directory.byHost("shop.example.com"); // dropped with the flood: read again
        assertThat(rows.reads).hasValue(before + 1);
    }

    private static Tenant tenant(TenantStatus status) {
        return new Tenant(7, new TenantSlug("shop"), "Shop", status, Branding.defaults(), List.of(), null);
    }
}
