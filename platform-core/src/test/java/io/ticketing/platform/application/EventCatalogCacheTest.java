package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.cache.CatalogCache;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.infrastructure.tenancy.TenantGridNames;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public listing's cache keys on a real Hazelcast member: a client varying every parameter
 * (start to the second, end, venue, category, limit) must not grow a shop's cache with every
 * variation, and the answers stay those the database would give.
 */
class EventCatalogCacheTest {

    private static final Tenant SHOP = new Tenant(301, new TenantSlug("listing-keys"), "Listing", TenantStatus.ACTIVE,
            Branding.defaults(), List.of(), null);
    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        member = LoopbackHazelcast.member("event-catalog-cache-test");
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    /** The catalog with its database replaced by a fixed list of events (one every six hours), counting the loads. */
    static final class FixedCatalog extends EventCatalog {
        final AtomicInteger loads = new AtomicInteger();
        final List<EventSummary> all = new ArrayList<>();

        FixedCatalog(CatalogCache cache) {
            this.cache = cache;
            this.source = this::load;
            OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusHours(1);
            for (int i = 0; i < 200; i++) {
                all.add(new EventSummary(i + 1, "Event " + i, i % 3 == 0 ? "Jazz" : "Rock",
                        first.plusHours(6L * i).atZoneSameInstant(ZoneOffset.UTC), i % 4, "Hall " + (i % 4), "Town",
                        Money.ofMinor(1000, "EUR"), EventStatus.ON_SALE, Map.of((long) i, 10)));
            }
        }

        List<EventSummary> load(OffsetDateTime from, OffsetDateTime to, Long venueId, String category, int limit) {
            loads.incrementAndGet();
            return all.stream()
                    .filter(e -> !e.startsAt().toInstant().isBefore(from.toInstant()))
                    .filter(e -> to == null || e.startsAt().toInstant().isBefore(to.toInstant()))
                    .filter(e -> venueId == null || venueId == e.venueId())
                    .filter(e -> category == null || e.category().equalsIgnoreCase(category))
                    .limit(limit).toList();
        }
    }

    @Test
    void manyDistinctQueriesKeepTheCacheSmallAndTheAnswersRight() {
        FixedCatalog catalog = new FixedCatalog(new CatalogCache(member));
        Random random = new Random(10);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int queries = 2_000;
        TenantContext.callAs(SHOP, () -> {
            for (int i = 0; i < queries; i++) {
                OffsetDateTime from = now.plusSeconds(random.nextInt(20 * 24 * 3600));
                OffsetDateTime to = random.nextBoolean() ? null : from.plusMinutes(1 + random.nextInt(30 * 24 * 60));
                Long venue = random.nextInt(3) == 0 ? (long) random.nextInt(random.nextBoolean() ? 4 : 1_000_000) : null;
                String category = random.nextInt(3) == 0 ? Integer.toString(random.nextInt(), 36) : null;
                EventQuery query = new EventQuery(from, to, venue, category, 1 + random.nextInt(EventQuery.MAX_LIMIT));
                assertThat(catalog.search(query)).as("query %s", query).isEqualTo(exact(catalog, query));
            }
            return null;
        });
        int entries = member.getMap(TenantGridNames.of(SHOP.id(), CatalogCache.PURPOSE)).size();
        assertThat(entries).as("cache entries after %d distinct queries", queries).isLessThanOrEqualTo(40);
    }

    private static List<EventSummary> exact(FixedCatalog catalog, EventQuery q) {
        int before = catalog.loads.get();
        List<EventSummary> expected = catalog.load(q.from(), q.to(), q.venueId(), q.category(), q.limit());
        catalog.loads.set(before);
        return expected;
    }
}
