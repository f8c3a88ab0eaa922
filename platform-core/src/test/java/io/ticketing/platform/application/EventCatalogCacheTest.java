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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public listing's cache keys on a real Hazelcast member: a client varying every parameter
 * (start to the second, end, venue, category, title text, days, page, limit) must not grow a shop's
 * cache with every variation, and the answers stay those the database would give, also when the
 * cached day listing is full and the database has to answer.
 */
class EventCatalogCacheTest {

    private static final String[] TITLES = {"Jazz Night", "ÄRZTE live", "100% Rock_n_Roll", "新年音乐会", "Straße Fest"};
    private static final String[] TEXTS = {"jazz", "ärzte", "Ärzte", "100%", "100_", "音乐", "STRASSE", "straße", "night 1", "zzz"};
    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"),
            ZoneId.of("America/Los_Angeles")};

    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        member = LoopbackHazelcast.member("event-catalog-cache-test");
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    private static Tenant shop(long id) {
        return new Tenant(id, new TenantSlug("listing-keys-" + id), "Listing", TenantStatus.ACTIVE, Branding.defaults(),
                List.of(), null);
    }

    /**
     * The catalog with its database replaced by a fixed list of events (one every {@code hours},
     * venues in four zones), counting the loads. Its filter is written apart from EventQuery.matches,
     * so the two can disagree.
     */
    static final class FixedCatalog extends EventCatalog {
        /** Queries the database answered, and day listings it filled the cache with. */
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger fills = new AtomicInteger();
        final AtomicInteger choiceLoads = new AtomicInteger();
        final List<EventSummary> all = new ArrayList<>();

        FixedCatalog(CatalogCache cache, int events, int hours) {
            this.cache = cache;
            this.source = this::load;
            this.choicesSource = from -> {
                choiceLoads.incrementAndGet();
                return new ListingChoices(List.of(new VenueChoice(99, "From the database", "Town")), List.of("Db"));
            };
            OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusHours(1);
            for (int i = 0; i < events; i++) {
                int venue = i % 4;
                all.add(new EventSummary(i + 1, TITLES[i % TITLES.length] + " " + i, i % 3 == 0 ? "Jazz" : "Rock",
                        first.plusHours((long) hours * i).atZoneSameInstant(ZONES[venue]), venue, "Hall " + venue, "Town",
                        Money.ofMinor(1000, "EUR"), EventStatus.ON_SALE, Map.of((long) i, 10), null));
            }
        }

        List<EventSummary> load(EventQuery q, int first, int max) {
            (max == EventCatalog.CACHED_EVENTS ? fills : loads).incrementAndGet();
            return all.stream()
                    .filter(e -> !e.startsAt().toInstant().isBefore(q.from().toInstant()))
                    .filter(e -> q.to() == null || e.startsAt().toInstant().isBefore(q.to().toInstant()))
                    .filter(e -> q.venueId() == null || q.venueId() == e.venueId())
                    .filter(e -> q.category() == null || e.category().equalsIgnoreCase(q.category()))
                    .filter(e -> q.text() == null
                            || e.title().toLowerCase(Locale.ROOT).contains(q.text().toLowerCase(Locale.ROOT)))
                    .filter(e -> q.firstDay() == null || !e.startsAt().toLocalDate().isBefore(q.firstDay()))
                    .filter(e -> q.lastDay() == null || !e.startsAt().toLocalDate().isAfter(q.lastDay()))
                    .sorted(Comparator.comparing((EventSummary e) -> e.startsAt().toInstant()).thenComparingLong(EventSummary::id))
                    .skip(first)
                    .limit(max)
                    .toList();
        }
    }

    @Test
    void manyDistinctQueriesKeepTheCacheSmallAndTheAnswersRight() {
        // 200 events, 50 days: every day listing holds all that is left.
        randomQueriesAgainstTheDatabase(shop(301), 200, 6);
    }

    @Test
    void aFullDayListingFallsBackToTheDatabaseExactly() {
        // 900 events every 2 hours (75 days): a cached day listing (300) covers 25 days, so deep pages,
        // far days and rare texts must reach past it.
        int fallbacks = randomQueriesAgainstTheDatabase(shop(302), 900, 2);
        assertThat(fallbacks).as("queries answered by the database").isGreaterThan(100);
    }

    /** Random queries, each compared with the database's own answer; returns how many went to the database. */
    private static int randomQueriesAgainstTheDatabase(Tenant shop, int events, int hours) {
        FixedCatalog catalog = new FixedCatalog(new CatalogCache(member), events, hours);
        Random random = new Random(10);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        int queries = 2_000;
        int[] databaseAnswers = {0};
        TenantContext.callAs(shop, () -> {
            for (int i = 0; i < queries; i++) {
                OffsetDateTime from = now.plusSeconds(random.nextInt(20 * 24 * 3600));
                OffsetDateTime to = random.nextBoolean() ? null : from.plusMinutes(1 + random.nextInt(30 * 24 * 60));
                Long venue = random.nextInt(3) == 0 ? (long) random.nextInt(random.nextBoolean() ? 4 : 1_000_000) : null;
                String category = random.nextInt(3) == 0
                        ? (random.nextBoolean() ? "jazz" : Integer.toString(random.nextInt(), 36)) : null;
                String text = random.nextInt(3) == 0 ? TEXTS[random.nextInt(TEXTS.length)] : null;
                LocalDate firstDay = random.nextInt(3) == 0 ? today.plusDays(random.nextInt(60) - 5) : null;
                LocalDate lastDay = random.nextInt(3) == 0
                        ? (firstDay == null ? today : firstDay).plusDays(random.nextInt(20)) : null;
                int offset = random.nextInt(4) == 0 ? random.nextInt(400) : 0;
                EventQuery query = new EventQuery(from, to, venue, category, text, firstDay, lastDay, offset,
                        1 + random.nextInt(EventQuery.MAX_LIMIT));
                int before = catalog.loads.get();
                List<EventSummary> found = catalog.search(query);
                databaseAnswers[0] += catalog.loads.get() - before;
                assertThat(found).as("query %s", query).isEqualTo(exact(catalog, query));
            }
            return null;
        });
        int entries = member.getMap(TenantGridNames.of(shop.id(), CatalogCache.PURPOSE)).size();
        assertThat(entries).as("cache entries after %d distinct queries", queries).isLessThanOrEqualTo(40);
        return databaseAnswers[0];
    }

    @Test
    void pagesInsideTheCachedListingNeedNoDatabase() {
        FixedCatalog catalog = new FixedCatalog(new CatalogCache(member), 900, 2);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        TenantContext.callAs(shop(303), () -> {
            EventQuery jazz = EventQuery.upcoming(now, 20).withText("JAZZ");
            catalog.search(jazz);
            int loads = catalog.loads.get();
            for (int page = 0; page < 2; page++) {
                EventQuery q = jazz.withPage(page * 20, 20);
                assertThat(catalog.search(q)).hasSize(20).allMatch(e -> e.title().startsWith("Jazz Night"))
                        .isEqualTo(exact(catalog, q));
            }
            assertThat(catalog.loads.get()).as("pages 1 and 2 read from the cached day").isEqualTo(loads);
            assertThat(catalog.fills).hasValue(1);

            EventQuery deep = jazz.withPage(100, 20); // the 101st Jazz Night (every 5th event) is beyond the cached 300
            assertThat(catalog.search(deep)).hasSize(20).isEqualTo(exact(catalog, deep));
            assertThat(catalog.loads.get()).isEqualTo(loads + 1);
            return null;
        });
    }

    @Test
    void choicesComeFromTheCachedListingWhileItHoldsEverything() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        FixedCatalog small = new FixedCatalog(new CatalogCache(member), 12, 6);
        TenantContext.callAs(shop(304), () -> {
            EventCatalog.ListingChoices choices = small.listingChoices(now);
            List<String> venues = choices.venues().stream().map(EventCatalog.VenueChoice::name).toList();
            // only events from now on count: at 1 a.m. and every 6 hours, the last of 12 is 3 days away
            List<String> expected = small.all.stream().filter(e -> !e.startsAt().toInstant().isBefore(now.toInstant()))
                    .map(EventSummary::venueName).distinct().sorted().toList();
            assertThat(venues).isEqualTo(expected);
            assertThat(choices.categories()).isSubsetOf("Jazz", "Rock").isNotEmpty();
            assertThat(small.choiceLoads).hasValue(0);
            return null;
        });
        FixedCatalog large = new FixedCatalog(new CatalogCache(member), 900, 2);
        TenantContext.callAs(shop(305), () -> {
            assertThat(large.listingChoices(now).categories()).containsExactly("Db");
            large.listingChoices(now);
            assertThat(large.choiceLoads).as("once per cached day").hasValue(1);
            return null;
        });
    }

    @Test
    void choicesAreSortedAndCategoriesDistinctWhateverTheirCase() {
        var choices = EventCatalog.ListingChoices.of(
                List.of(new EventCatalog.VenueChoice(2, "zenith", "Paris"), new EventCatalog.VenueChoice(1, "Arena", "Berlin"),
                        new EventCatalog.VenueChoice(2, "zenith", "Paris")),
                java.util.Arrays.asList("rock", "Jazz", null, "jazz", " ", "Rock"));
        assertThat(choices.venues()).extracting(EventCatalog.VenueChoice::id).containsExactly(1L, 2L);
        assertThat(choices.categories()).containsExactly("Jazz", "Rock");
    }

    private static List<EventSummary> exact(FixedCatalog catalog, EventQuery q) {
        int before = catalog.loads.get();
        List<EventSummary> expected = catalog.load(q, q.offset(), q.limit());
        catalog.loads.set(before);
        return expected;
    }
}
