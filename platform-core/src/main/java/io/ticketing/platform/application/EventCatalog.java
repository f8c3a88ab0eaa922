package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.persistence.TenantEntityManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the current tenant has on offer, read for its storefront. */
@ApplicationScoped
@Transactional
public class EventCatalog {

    private static final List<EventStatus> LISTED = List.of(EventStatus.ON_SALE, EventStatus.SOLD_OUT);

    @Inject
    TenantEntityManager tenantEntityManager;

    /** Listed events starting at or after {@code from}, soonest first, with their lowest price. */
    public List<EventSummary> upcoming(OffsetDateTime from, int limit) {
        return search(EventQuery.upcoming(from, limit));
    }

    /** Listed events matching the query, soonest first, with their lowest price. */
    public List<EventSummary> search(EventQuery query) {
        var em = tenantEntityManager.get();
        List<Event> events = em.createQuery("""
                        SELECT e FROM Event e JOIN FETCH e.venue v
                         WHERE e.startsAt >= :from AND e.status IN :listed
                           AND (:unbounded = TRUE OR e.startsAt < :to)
                           AND (:anyVenue = TRUE OR v.id = :venue)
                           AND (:anyCategory = TRUE OR LOWER(e.category) = :category)
                         ORDER BY e.startsAt, e.id""", Event.class)
                .setParameter("from", query.from())
                .setParameter("listed", LISTED)
                .setParameter("unbounded", query.to() == null)
                .setParameter("to", query.to() == null ? query.from() : query.to())
                .setParameter("anyVenue", query.venueId() == null)
                .setParameter("venue", query.venueId() == null ? -1L : query.venueId())
                .setParameter("anyCategory", query.category() == null)
                .setParameter("category", query.category() == null ? "" : query.category().toLowerCase(java.util.Locale.ROOT))
                .setMaxResults(query.limit())
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
                e.getStartsAt().atZoneSameInstant(e.getVenue().getTimeZone()),
                e.getVenue().getName(), e.getVenue().getCity(),
                lowestPrice.get(e.getId()), e.getStatus(), capacities.getOrDefault(e.getId(), Map.of())))
                .sorted(Comparator.comparing(EventSummary::startsAt))
                .toList();
    }

    /** What is on sale, per currency: events, ticket types, seats, and their value at list price. */
    public record CapacityLine(String currency, long events, long ticketTypes, long capacity, Money grossAtListPrice) {
    }

    public List<CapacityLine> capacityOnSale() {
        List<Object[]> rows = tenantEntityManager.get().createQuery("""
                        SELECT t.currency, COUNT(DISTINCT t.event.id), COUNT(t), SUM(t.capacity), SUM(t.capacity * t.priceMinor)
                          FROM TicketType t WHERE t.event.status IN :listed
                         GROUP BY t.currency ORDER BY t.currency""", Object[].class)
                .setParameter("listed", LISTED)
                .getResultList();
        return rows.stream().map(r -> new CapacityLine((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), Money.ofMinor(((Number) r[4]).longValue(), (String) r[0]))).toList();
    }

    /** A listed (on sale or sold out) event with its venue and ticket types loaded; otherwise not found. */
    public Event listedEvent(long eventId) {
        Event event = tenantEntityManager.get().find(Event.class, eventId);
        if (event == null || !LISTED.contains(event.getStatus())) {
            throw new CatalogNotFoundException("event", eventId);
        }
        return CatalogAdministration.loaded(event);
    }

    public Optional<Event> find(long eventId) {
        return Optional.ofNullable(tenantEntityManager.get().find(Event.class, eventId));
    }
}
