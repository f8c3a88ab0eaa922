package io.ticketing.platform.infrastructure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
import io.ticketing.platform.infrastructure.tenancy.TenantGridNames;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cache's tenant scoping and invalidation on a real (single, loopback) Hazelcast member. */
class CatalogCacheTest {

    private static final Tenant A = tenant(101, "cache-a");
    private static final Tenant B = tenant(102, "cache-b");
    private static HazelcastInstance member;
    private static CatalogCache cache;

    @BeforeAll
    static void startMember() {
        member = LoopbackHazelcast.member("catalog-cache-test");
        cache = new CatalogCache(member);
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    @Test
    void a_second_read_is_served_from_the_cache() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(read(A, "events|1", "first", loads)).isEqualTo("first");
        assertThat(read(A, "events|1", "second", loads)).isEqualTo("first");
        assertThat(loads).hasValue(1);
    }

    @Test
    void the_same_key_of_another_tenant_is_never_served_across() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(read(A, "event|7", "a's event 7", loads)).isEqualTo("a's event 7");
        assertThat(read(B, "event|7", "b's event 7", loads)).isEqualTo("b's event 7");
        assertThat(read(A, "event|7", "reloaded", loads)).isEqualTo("a's event 7");
        assertThat(read(B, "event|7", "reloaded", loads)).isEqualTo("b's event 7");
        assertThat(loads).hasValue(2);
        assertThat(member.getDistributedObjects()).extracting(o -> o.getName())
                .contains(TenantGridNames.of(A.id(), CatalogCache.PURPOSE), TenantGridNames.of(B.id(), CatalogCache.PURPOSE));
    }

    @Test
    void invalidating_one_tenant_reloads_it_and_leaves_the_other_alone() {
        AtomicInteger loads = new AtomicInteger();
        read(A, "capacity", "a old", loads);
        read(B, "capacity", "b old", loads);
        cache.invalidate(A.id());
        assertThat(read(A, "capacity", "a new", loads)).isEqualTo("a new");
        assertThat(read(B, "capacity", "b new", loads)).isEqualTo("b old");
        assertThat(loads).hasValue(3);
    }

    @Test
    void a_read_that_raced_a_change_is_not_served_after_it() {
        AtomicInteger loads = new AtomicInteger();
        // The loader read the old rows, then the organizer's change committed and invalidated, then the loader's value is put.
        String stale = TenantContext.callAs(A, () -> cache.get("event|9", () -> {
            loads.incrementAndGet();
            cache.invalidate(A.id());
            return "old rows";
        }));
        assertThat(stale).isEqualTo("old rows");
        assertThat(read(A, "event|9", "new rows", loads)).isEqualTo("new rows");
        assertThat(loads).hasValue(2);
    }

    @Test
    void an_entry_stamped_with_another_tenant_is_refused_and_reloaded() {
        AtomicInteger loads = new AtomicInteger();
        read(A, "event|11", "a's", loads);
        var mapOfA = member.<String, Object>getMap(TenantGridNames.of(A.id(), CatalogCache.PURPOSE));
        String generation = (String) mapOfA.get(CatalogCache.GENERATION);
        mapOfA.set(generation + "|event|11", new CatalogCache.Entry(B.id(), "b's, misplaced"));
        // another node: no copy of its own, so it reads the grid's entry and refuses it
        CatalogCache otherNode = new CatalogCache(member);
        assertThat(TenantContext.callAs(A, () -> otherNode.get("event|11", () -> "a's, reloaded"))).isEqualTo("a's, reloaded");
    }

    @Test
    void a_node_serves_its_own_copy_without_reading_the_value_from_the_grid_again() {
        AtomicInteger loads = new AtomicInteger();
        read(A, "event|13", "a's 13", loads);
        var mapOfA = member.<String, Object>getMap(TenantGridNames.of(A.id(), CatalogCache.PURPOSE));
        mapOfA.delete(mapOfA.get(CatalogCache.GENERATION) + "|event|13");
        assertThat(read(A, "event|13", "reloaded", loads)).isEqualTo("a's 13");
        assertThat(loads).hasValue(1);
    }

    @Test
    void a_change_made_on_one_node_is_read_on_the_other_at_once_though_it_keeps_copies() {
        CatalogCache otherNode = new CatalogCache(member);
        assertThat(read(A, "event|15", "old rows", new AtomicInteger())).isEqualTo("old rows");
        assertThat(TenantContext.callAs(A, () -> otherNode.get("event|15", () -> "not loaded"))).isEqualTo("old rows");
        cache.invalidate(A.id());
        assertThat(TenantContext.callAs(A, () -> otherNode.get("event|15", () -> "new rows"))).isEqualTo("new rows");
        assertThat(read(A, "event|15", "loaded again", new AtomicInteger())).isEqualTo("new rows");
    }

    @Test
    void with_the_grid_gone_reads_go_to_the_database() {
        HazelcastInstance doomed = LoopbackHazelcast.member("catalog-cache-doomed");
        CatalogCache orphan = new CatalogCache(doomed);
        doomed.shutdown();
        AtomicInteger loads = new AtomicInteger();
        Supplier<String> loader = () -> loads.incrementAndGet() + " from the database";
        assertThat(TenantContext.callAs(A, () -> orphan.get("events|1", loader))).isEqualTo("1 from the database");
        assertThat(TenantContext.callAs(A, () -> orphan.get("events|1", loader))).isEqualTo("2 from the database");
    }

    @Test
    void without_a_tenant_there_is_nothing_to_read() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.get("events|1", () -> "x"))
                .isInstanceOf(io.ticketing.platform.infrastructure.tenancy.NoTenantContextException.class);
    }

    private static String read(Tenant tenant, String key, String loaded, AtomicInteger loads) {
        Supplier<String> loader = () -> {
            loads.incrementAndGet();
            return loaded;
        };
        return TenantContext.callAs(tenant, () -> cache.get(key, loader));
    }

    private static Tenant tenant(long id, String slug) {
        return new Tenant(id, new TenantSlug(slug), slug, TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    }
}
