package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.cache.CatalogCache;
import io.ticketing.platform.infrastructure.persistence.TenantEntityManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the current tenant has on offer, read for its storefront through the tenant's shared catalog cache. */
@ApplicationScoped
@Transactional
public class EventCatalog {

    private static final List<EventStatus> LISTED = List.of(EventStatus.ON_SALE, EventStatus.SOLD_OUT);

    /** How many events one cached day listing holds: a page of the largest size and some to spare for filters. */
    static final int CACHED_EVENTS = 300;
    /** Listings starting this many days ahead at most are cached; others (rare) go to the database. */
    static final int CACHED_DAYS_AHEAD = 31;

    @Inject
    TenantEntityManager tenantEntityManager;

    @Inject
    CatalogCache cache;

    /** Listed events starting at or after {@code from}, soonest first, with their lowest price. */
    public List<EventSummary> upcoming(OffsetDateTime from, int limit) {
        return search(EventQuery.upcoming(from, limit));
    }

    /**
     * Listed events matching the query, soonest first, with their lowest price. Cached per tenant by
     * one key only, the UTC day the query's {@link EventQuery#earliest() earliest} start falls on:
     * the cached answer is the day's listing from midnight on, and start, end, venue, category, text,
     * days and paging are applied to it here. So however a client varies its parameters, a shop has
     * at most one entry per day ahead (32), not one per combination. When the cached listing cannot
     * tell (it is full before the query's end and holds too few matches), the database answers exactly.
     */
    public List<EventSummary> search(EventQuery query) {
        OffsetDateTime day = query.earliest().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        if (day.isBefore(today) || day.isAfter(today.plusDays(CACHED_DAYS_AHEAD))) {
            return source.load(query, query.offset(), query.limit());
        }
        List<EventSummary> cached = dayListing(day).events();
        List<EventSummary> found = cached.stream()
                .filter(query::matches)
                .skip(query.offset())
                .limit(query.limit())
                .toList();
        boolean wholeDayListing = cached.size() < CACHED_EVENTS;
        OffsetDateTime end = query.end();
        boolean endsWithinIt = end != null && !cached.isEmpty()
                && !cached.get(cached.size() - 1).startsAt().toInstant().isBefore(end.toInstant());
        if (found.size() < query.limit() && !wholeDayListing && !endsWithinIt) {
            // Events the cached listing had no room for may match: ask the database exactly.
            return source.load(query, query.offset(), query.limit());
        }
        return found;
    }

    /**
     * The venues and categories of the events still to come, for a listing's filters. Read from
     * today's cached listing: exact while it holds every upcoming event; for a larger catalog, from
     * the database once per cached day (so a venue whose last event began earlier today may linger).
     */
    public ListingChoices listingChoices(OffsetDateTime now) {
        DayListing listing = dayListing(now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS));
        if (listing.choices() != null) {
            return listing.choices();
        }
        List<EventSummary> coming = listing.events().stream()
                .filter(e -> !e.startsAt().toInstant().isBefore(now.toInstant()))
                .toList();
        return ListingChoices.of(coming.stream().map(e -> new VenueChoice(e.venueId(), e.venueName(), e.city())).toList(),
                coming.stream().map(EventSummary::category).toList());
    }

    /** The day's cached listing; with the choices of filters read apart only when it cannot hold them all. */
    private DayListing dayListing(OffsetDateTime day) {
        // "listing|": the value's type differs from the "events|" entries older nodes may still hold.
        return cache.get("listing|" + day.toLocalDate(), () -> {
            ArrayList<EventSummary> events = new ArrayList<>(source.load(EventQuery.upcoming(day, 1), 0, CACHED_EVENTS));
            return new DayListing(events, events.size() < CACHED_EVENTS ? null : choicesSource.load(day));
        });
    }

    /** One cached day: its first {@link #CACHED_EVENTS} events, and the choices when those are not all. */
    record DayListing(ArrayList<EventSummary> events, ListingChoices choices) implements java.io.Serializable {
    }

    /** A venue a listing can be narrowed to. */
    public record VenueChoice(long id, String name, String city) implements java.io.Serializable {
    }

    /** What a listing's filters offer: venues by name, categories case-insensitively distinct and sorted. */
    public record ListingChoices(List<VenueChoice> venues, List<String> categories) implements java.io.Serializable {

        public ListingChoices {
            venues = List.copyOf(venues);
            categories = List.copyOf(categories);
        }

        static ListingChoices of(Collection<VenueChoice> venues, Collection<String> categories) {
            List<VenueChoice> sortedVenues = venues.stream().distinct()
                    .sorted(Comparator.comparing(VenueChoice::name, String.CASE_INSENSITIVE_ORDER)
                            .thenComparing(VenueChoice::city, String.CASE_INSENSITIVE_ORDER)
                            .thenComparingLong(VenueChoice::id))
                    .toList();
            // "Jazz" and "jazz" filter alike (the category matches case-insensitively): offer one of them.
            TreeMap<String, String> byFolded = new TreeMap<>();
            categories.stream().filter(c -> c != null && !c.isBlank()).sorted()
                    .forEach(c -> byFolded.putIfAbsent(c.toLowerCase(Locale.ROOT), c));
            return new ListingChoices(sortedVenues, new ArrayList<>(byFolded.values()));
        }
    }

    /** Where listings come from: the database; a test puts a fixed list here to count the loads. */
    @FunctionalInterface
    interface ListingSource {
        /** Events passing the query's filters, soonest first, from the {@code first} on, at most {@code max} (the query's own paging aside). */
        List<EventSummary> load(EventQuery filters, int first, int max);
    }

    /** Where the choices of a large catalog come from: the database, or a test's list. */
    @FunctionalInterface
    interface ChoicesSource {
        ListingChoices load(OffsetDateTime from);
    }

    /**
     * A field, not an overridable method: a non-private method called on this bean from inside it
     * would pass the {@code @Transactional} interceptor a second time (Weld intercepts by subclass),
     * and Payara then refuses the caller's own UserTransaction afterwards.
     */
    ListingSource source = this::loadFromDatabase;

    ChoicesSource choicesSource = this::choicesFromDatabase;

    /** Rows read at a time when the database path must apply the day rule itself. */
    static final int DAY_FILTER_CHUNK = 500;

    /**
     * Listed events from the database, soonest first (then by id, as the cache keeps them). Days are
     * local to each venue, so SQL narrows to the moments any zone's days can fall in
     * ({@link EventQuery#earliest()}, {@link EventQuery#end()}) and the day itself is judged here by
     * {@link EventQuery#coversDay} in Java's zone rules, the same as on the cached path (PostgreSQL
     * would read an offset zone such as "+02:00" with the opposite sign).
     */
    private List<EventSummary> loadFromDatabase(EventQuery q, int first, int max) {
        var em = tenantEntityManager.get();
        List<Event> events;
        if (q.firstDay() == null && q.lastDay() == null) {
            events = events(em, q, first, max);
        } else {
            events = new ArrayList<>();
            int skipped = 0;
            for (int row = 0; events.size() < max; row += DAY_FILTER_CHUNK) {
                List<Event> chunk = events(em, q, row, DAY_FILTER_CHUNK);
                for (Event e : chunk) {
                    if (!q.coversDay(e.getStartsAt().atZoneSameInstant(e.getVenue().getTimeZone()).toLocalDate())) {
                        continue;
                    }
                    if (skipped < first) {
                        skipped++;
                    } else if (events.size() < max) {
                        events.add(e);
                    }
                }
                if (chunk.size() < DAY_FILTER_CHUNK) {
                    break;
                }
            }
        }
        if (events.isEmpty()) {
            return List.of();
        }
        List<TicketType> types = em.createQuery("SELECT t FROM TicketType t WHERE t.event IN :events", TicketType.class)
                .setParameter("events", events)
                .getResultList();
        Map<Long, List<TicketType>> typesOf = types.stream().collect(Collectors.groupingBy(t -> t.getEvent().getId()));
        return events.stream().map(e -> summary(e, typesOf.getOrDefault(e.getId(), List.of()))).toList();
    }

    /** Listed events passing every filter but the days, rows {@code first} to {@code first + max}. */
    private static List<Event> events(jakarta.persistence.EntityManager em, EventQuery q, int first, int max) {
        OffsetDateTime from = q.earliest();
        OffsetDateTime to = q.end();
        return em.createQuery("""
                        SELECT e FROM Event e JOIN FETCH e.venue v
                         WHERE e.startsAt >= :from AND e.status IN :listed
                           AND (:unbounded = TRUE OR e.startsAt < :to)
                           AND (:anyVenue = TRUE OR v.id = :venue)
                           AND (:anyCategory = TRUE OR LOWER(e.category) = :category)
                           AND (:anyText = TRUE OR LOWER(e.title) LIKE :pattern ESCAPE '!')
                         ORDER BY e.startsAt, e.id""", Event.class)
                .setParameter("from", from)
                .setParameter("listed", LISTED)
                .setParameter("unbounded", to == null)
                .setParameter("to", to == null ? from : to)
                .setParameter("anyVenue", q.venueId() == null)
                .setParameter("venue", q.venueId() == null ? -1L : q.venueId())
                .setParameter("anyCategory", q.category() == null)
                .setParameter("category", q.category() == null ? "" : q.category().toLowerCase(Locale.ROOT))
                .setParameter("anyText", q.text() == null)
                // LOWER() in PostgreSQL and EventQuery.fold agree code point by code point in a UTF-8 database.
                .setParameter("pattern", q.text() == null ? "%" : EventQuery.likePattern(q.text()))
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    private static EventSummary summary(Event e, List<TicketType> types) {
        Money lowestPrice = types.stream().map(TicketType::getPrice)
                .reduce((a, b) -> a.currency().equals(b.currency()) && b.compareTo(a) < 0 ? b : a).orElse(null);
        Map<Long, Integer> capacities = types.stream().collect(Collectors.toMap(TicketType::getId, TicketType::getCapacity));
        // On sale from the first sale start; a type without one sells from the start, and so does the event.
        OffsetDateTime salesOpenAt = types.isEmpty() || types.stream().anyMatch(t -> t.getSaleStartsAt() == null) ? null
                : types.stream().map(TicketType::getSaleStartsAt).min(Comparator.naturalOrder()).orElseThrow();
        return new EventSummary(e.getId(), e.getTitle(), e.getCategory(),
                e.getStartsAt().atZoneSameInstant(e.getVenue().getTimeZone()), e.getVenue().getId(),
                e.getVenue().getName(), e.getVenue().getCity(), lowestPrice, e.getStatus(), capacities, salesOpenAt);
    }

    private ListingChoices choicesFromDatabase(OffsetDateTime from) {
        var em = tenantEntityManager.get();
        List<Object[]> venues = em.createQuery("""
                        SELECT DISTINCT v.id, v.name, v.city FROM Event e JOIN e.venue v
                         WHERE e.startsAt >= :from AND e.status IN :listed""", Object[].class)
                .setParameter("from", from)
                .setParameter("listed", LISTED)
                .getResultList();
        List<String> categories = em.createQuery("""
                        SELECT DISTINCT e.category FROM Event e
                         WHERE e.startsAt >= :from AND e.status IN :listed AND e.category IS NOT NULL""", String.class)
                .setParameter("from", from)
                .setParameter("listed", LISTED)
                .getResultList();
        return ListingChoices.of(venues.stream()
                .map(r -> new VenueChoice(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList(), categories);
    }

    /** What is on sale, per currency: events, ticket types, seats, and their value at list price. */
    public record CapacityLine(String currency, long events, long ticketTypes, long capacity, Money grossAtListPrice)
            implements java.io.Serializable {
    }

    public List<CapacityLine> capacityOnSale() {
        return cache.get("capacity-on-sale", this::loadCapacityOnSale);
    }

    private ArrayList<CapacityLine> loadCapacityOnSale() {
        List<Object[]> rows = tenantEntityManager.get().createQuery("""
                        SELECT t.currency, COUNT(DISTINCT t.event.id), COUNT(t), SUM(t.capacity), SUM(t.capacity * t.priceMinor)
                          FROM TicketType t WHERE t.event.status IN :listed
                         GROUP BY t.currency ORDER BY t.currency""", Object[].class)
                .setParameter("listed", LISTED)
                .getResultList();
        return rows.stream().map(r -> new CapacityLine((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), Money.ofMinor(((Number) r[4]).longValue(), (String) r[0])))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** A listed (on sale or sold out) event as its shop page shows it, cached per tenant; otherwise not found. */
    public EventPage listedEvent(long eventId) {
        return cache.get("event|" + eventId, () -> {
            Event event = tenantEntityManager.get().find(Event.class, eventId);
            if (event == null || !LISTED.contains(event.getStatus())) {
                throw new CatalogNotFoundException("event", eventId);
            }
            return page(CatalogAdministration.loaded(event));
        });
    }

    private static EventPage page(Event event) {
        List<EventPage.Offer> offers = event.getTicketTypes().stream()
                .sorted(Comparator.comparing(TicketType::getId))
                .map(t -> new EventPage.Offer(t.getId(), t.getName(), t.getPrice(), t.getCapacity(),
                        t.getSaleStartsAt(), t.getSaleEndsAt(), t.getMaxPerOrder(), t.getMaxPerBuyer()))
                .toList();
        return new EventPage(event.getId(), event.getTitle(), event.getDescription(), event.getCategory(),
                event.getStartsAt().atZoneSameInstant(event.getVenue().getTimeZone()),
                event.getVenue().getName(), event.getVenue().getAddress(), event.getVenue().getCity(), event.getStatus(),
                event.getHoldMinutes(), offers);
    }

    public Optional<Event> find(long eventId) {
        return Optional.ofNullable(tenantEntityManager.get().find(Event.class, eventId));
    }
}
