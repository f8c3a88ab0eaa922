package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.catalog.Venue;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.cache.CatalogChanged;
import io.ticketing.platform.infrastructure.persistence.TenantEntityManager;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What organizer staff do to the current tenant's catalog: venues, events, ticket types and the
 * event's status. Rules are checked here with messages naming the field; the database's own
 * constraints stand behind them. Events are returned with their venue and ticket types loaded:
 * after the transaction nothing can be loaded lazily, because only the transaction's connection
 * is bound to the tenant's schema.
 */
@ApplicationScoped
@Transactional
public class CatalogAdministration {

    public static final int MAX_CAPACITY = 1_000_000;

    @Inject
    TenantEntityManager tenantEntityManager;

    @Inject
    jakarta.enterprise.event.Event<CatalogChanged> catalogChanged;

    public Venue addVenue(String name, String address, String city, String country, String timeZone) {
        require("name", name, 200);
        require("city", city, 120);
        if (country != null && !country.matches("[A-Z]{2}")) {
            throw new InvalidFieldException("country", "country is a two-letter ISO code such as DE");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null ? "" : timeZone);
        } catch (RuntimeException e) {
            throw new InvalidFieldException("timeZone", "timeZone is a zone such as Europe/Berlin");
        }
        Venue venue = new Venue(name.strip(), address, city.strip(), country, zone);
        em().persist(venue);
        changed();
        return venue;
    }

    public List<Venue> venues() {
        return em().createQuery("SELECT v FROM Venue v ORDER BY v.name, v.id", Venue.class).getResultList();
    }

    public Event addEvent(long venueId, String title, String description, String category,
                          OffsetDateTime startsAt, OffsetDateTime endsAt, Integer holdMinutes) {
        EntityManager em = em();
        Venue venue = em.find(Venue.class, venueId);
        if (venue == null) {
            throw new InvalidFieldException("venueId", "No venue " + venueId + " in this shop");
        }
        require("title", title, 200);
        if (startsAt == null) {
            throw new InvalidFieldException("startsAt", "startsAt is required");
        }
        if (!startsAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new InvalidFieldException("startsAt", "startsAt must be in the future");
        }
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw new InvalidFieldException("endsAt", "endsAt must be after startsAt");
        }
        if (category != null && category.length() > 60) {
            throw new InvalidFieldException("category", "category has at most 60 characters");
        }
        Event event = new Event(venue, title.strip(), description, category, startsAt, endsAt);
        if (holdMinutes != null) {
            try {
                event.holdFor(holdMinutes);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("holdMinutes", e.getMessage());
            }
        }
        em.persist(event);
        changed();
        return event;
    }

    /** Every event of the shop, drafts and cancelled ones too, soonest first. */
    public List<Event> events() {
        List<Event> events = em().createQuery("SELECT e FROM Event e JOIN FETCH e.venue ORDER BY e.startsAt, e.id", Event.class)
                .getResultList();
        events.forEach(CatalogAdministration::loaded);
        return events;
    }

    public Event event(long eventId) {
        Event event = em().find(Event.class, eventId);
        if (event == null) {
            throw new CatalogNotFoundException("event", eventId);
        }
        return loaded(event);
    }

    /** Every change ends here: once the transaction commits, every node's cached catalog reads are stale. */
    private void changed() {
        catalogChanged.fire(new CatalogChanged(TenantContext.require().id()));
    }

    /** Venue and ticket types loaded, for rendering after the transaction (nothing loads lazily then). */
    static Event loaded(Event event) {
        event.getVenue().getName();
        event.getTicketTypes().size();
        return event;
    }

    public TicketType addTicketType(long eventId, String name, Money price, int capacity,
                                    OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt,
                                    int maxPerOrder, Integer maxPerBuyer) {
        Event event = event(eventId);
        if (event.getStatus() == EventStatus.CANCELLED) {
            throw new CatalogConflictException("The event is cancelled: it takes no new ticket types");
        }
        require("name", name, 120);
        if (event.getTicketTypes().stream().anyMatch(t -> t.getName().equalsIgnoreCase(name.strip()))) {
            throw new InvalidFieldException("name", "This event already has a ticket type called '" + name.strip() + "'");
        }
        if (price.minorUnits() < 0) {
            throw new InvalidFieldException("price", "price cannot be negative");
        }
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new InvalidFieldException("capacity", "capacity is between 0 and " + MAX_CAPACITY);
        }
        TicketType type = new TicketType(event, name.strip(), price, capacity);
        try {
            type.sellBy(saleStartsAt, saleEndsAt, maxPerOrder, maxPerBuyer);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new InvalidFieldException(message.substring(0, message.indexOf(' ')), message);
        }
        em().persist(type);
        changed();
        return type;
    }

    public Event changeStatus(long eventId, EventStatus target) {
        Event event = event(eventId);
        try {
            event.changeStatus(target);
        } catch (IllegalStateException e) {
            throw new CatalogConflictException(e.getMessage());
        }
        changed();
        return event;
    }

    private EntityManager em() {
        return tenantEntityManager.get();
    }

    private static void require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, field + " is required");
        }
        if (value.strip().length() > maxLength) {
            throw new InvalidFieldException(field, field + " has at most " + maxLength + " characters");
        }
    }
}
