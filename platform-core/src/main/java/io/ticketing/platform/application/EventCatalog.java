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
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * one key only, the UTC day the query starts in: the cached answer is the day's listing from
     * midnight on, and start, end, venue, category and limit are applied to it here. So however a
     * client varies its parameters, a shop has at most one entry per day ahead (32), not one per
     * combination. When the cached listing cannot tell (it is full before the query's end), the
     * database answers exactly.
     */
    public List<EventSummary> search(EventQuery query) {
        OffsetDateTime day = query.from().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        if (day.isBefore(today) || day.isAfter(today.plusDays(CACHED_DAYS_AHEAD))) {
            return source.load(query.from(), query.to(), query.venueId(), query.category(), query.limit());
        }
        ArrayList<EventSummary> cached = cache.get("events|" + day.toLocalDate(),
                () -> new ArrayList<>(source.load(day, null, null, null, CACHED_EVENTS)));
        List<EventSummary> found = cached.stream()
                .filter(e -> !e.startsAt().toInstant().isBefore(query.from().toInstant()))
                .filter(e -> query.to() == null || e.startsAt().toInstant().isBefore(query.to().toInstant()))
                .filter(e -> query.venueId() == null || query.venueId() == e.venueId())
                .filter(e -> query.category() == null || query.category().equalsIgnoreCase(e.category()))
                .limit(query.limit())
                .toList();
        boolean wholeDayListing = cached.size() < CACHED_EVENTS;
        boolean endsWithinIt = query.to() != null && !cached.isEmpty()
                && !cached.get(cached.size() - 1).startsAt().toInstant().isBefore(query.to().toInstant());
        if (found.size() < query.limit() && !wholeDayListing && !endsWithinIt) {
            // Events the cached listing had no room for may match: ask the database exactly.
            return source.load(query.from(), query.to(), query.venueId(), query.category(), query.limit());
        }
        return found;
    }

    /** Where listings come from: the database; a test puts a fixed list here to count the loads. */
    @FunctionalInterface
    interface ListingSource {
        List<EventSummary> load(OffsetDateTime from, OffsetDateTime to, Long venueId, String category, int limit);
    }

    /**
     * A field, not an overridable method: a non-private method called on this bean from inside it
     * would pass the {@code @Transactional} interceptor a second time (Weld intercepts by subclass),
     * and Payara then refuses the caller's own UserTransaction afterwards.
     */
    ListingSource source = this::loadFromDatabase;

    /** Listed events from the database, soonest first. */
    private List<EventSummary> loadFromDatabase(OffsetDateTime from, OffsetDateTime to, Long venueId, String category, int limit) {
        var em = tenantEntityManager.get();
        List<Event> events = em.createQuery("""
                        SELECT e FROM Event e JOIN FETCH e.venue v
                         WHERE e.startsAt >= :from AND e.status IN :listed
                           AND (:unbounded = TRUE OR e.startsAt < :to)
                           AND (:anyVenue = TRUE OR v.id = :venue)
                           AND (:anyCategory = TRUE OR LOWER(e.category) = :category)
                         ORDER BY e.startsAt, e.id""", Event.class)
                .setParameter("from", from)
                .setParameter("listed", LISTED)
                .setParameter("unbounded", to == null)
                .setParameter("to", to == null ? from : to)
                .setParameter("anyVenue", venueId == null)
                .setParameter("venue", venueId == null ? -1L : venueId)
                .setParameter("anyCategory", category == null)
                .setParameter("category", category == null ? "" : category.toLowerCase(Locale.ROOT))
                .setMaxResults(limit)
                .getResultList();
        if (events.isEmpty()) {
            return List.of();
        }
        List<TicketType> types = em.createQuery("SELECT t FROM TicketType t WHERE t.event IN :events", TicketType.class)
                .setParameter("events", events)
                .getResultList();
        Map<Long, Money> lowestPrice = types.stream()
                .collect(Collectors.toMap(t -> t.getEvent().getId(), TicketType::getPrice,
                        (a, b) -> a.currency().equals(b.currency()) && b.compareTo(a) < 0 ? b : a));
        Map<Long, Map<Long, Integer>> capacities = types.stream().collect(Collectors.groupingBy(
                t -> t.getEvent().getId(), Collectors.toMap(TicketType::getId, TicketType::getCapacity)));
        return events.stream().map(e -> new EventSummary(
                e.getId(), e.getTitle(), e.getCategory(),
                e.getStartsAt().atZoneSameInstant(e.getVenue().getTimeZone()), e.getVenue().getId(),
                e.getVenue().getName(), e.getVenue().getCity(),
                lowestPrice.get(e.getId()), e.getStatus(), capacities.getOrDefault(e.getId(), Map.of())))
                .sorted(Comparator.comparing(EventSummary::startsAt))
                .toList();
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
