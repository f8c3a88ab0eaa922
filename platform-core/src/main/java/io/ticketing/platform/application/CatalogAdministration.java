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
import io.ticketing.platform.domain.stock.HoldRepository;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.infrastructure.stock.StockEngine;
import jakarta.annotation.Resource;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
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

    @Inject
    StaffAuditLog auditLog;

    @Inject
    HoldRepository holds;

    @Inject
    StockEngine stock;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry registry;

    private static final Logger LOG = Logger.getLogger(CatalogAdministration.class.getName());

    /** A venue added by the platform itself (provisioning, operators): not a staff action, so not in the shop's audit log. */
    public Venue addVenue(String name, String address, String city, String country, String timeZone) {
        return addVenue(null, name, address, city, country, timeZone);
    }

    public Venue addVenue(StaffAuditLog.Actor actor, String name, String address, String city, String country, String timeZone) {
        ZoneId zone = checkVenue(name, city, country, timeZone);
        Venue venue = new Venue(name.strip(), blankToNull(address), city.strip(), country, zone);
        em().persist(venue);
        em().flush();
        audit(actor, "venue.create", "venue " + venue.getName() + " (id " + venue.getId() + ")",
                new StaffAuditLog.Change("venue:" + venue.getId(), Map.of(), venueValues(venue)));
        changed();
        return venue;
    }

    /** New name, address, city, country and time zone; the venue's events keep their moment and are shown in the new zone. */
    public Venue editVenue(StaffAuditLog.Actor actor, long venueId, String name, String address, String city, String country,
                           String timeZone) {
        Venue venue = venue(venueId);
        ZoneId zone = checkVenue(name, city, country, timeZone);
        Map<String, Object> before = venueValues(venue);
        venue.describe(name.strip(), blankToNull(address), city.strip(), country, zone);
        audit(actor, "venue.edit", "venue " + venue.getName() + " (id " + venue.getId() + ")",
                new StaffAuditLog.Change("venue:" + venue.getId(), before, venueValues(venue)));
        changed();
        return venue;
    }

    public Venue venue(long venueId) {
        Venue venue = em().find(Venue.class, venueId);
        if (venue == null) {
            throw new CatalogNotFoundException("venue", venueId);
        }
        return venue;
    }

    private static ZoneId checkVenue(String name, String city, String country, String timeZone) {
        require("name", name, 200);
        require("city", city, 120);
        if (country != null && !country.matches("[A-Z]{2}")) {
            throw new InvalidFieldException("country", "country is a two-letter ISO code such as DE");
        }
        try {
            return ZoneId.of(timeZone == null ? "" : timeZone);
        } catch (RuntimeException e) {
            throw new InvalidFieldException("timeZone", "timeZone is a zone such as Europe/Berlin");
        }
    }

    private static Map<String, Object> venueValues(Venue v) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", v.getName());
        values.put("address", v.getAddress());
        values.put("city", v.getCity());
        values.put("country", v.getCountry());
        values.put("timeZone", v.getTimeZone().getId());
        return values;
    }

    public List<Venue> venues() {
        return em().createQuery("SELECT v FROM Venue v ORDER BY v.name, v.id", Venue.class).getResultList();
    }

    /** An event added by the platform itself (provisioning, operators): not in the shop's audit log. */
    public Event addEvent(long venueId, String title, String description, String category,
                          OffsetDateTime startsAt, OffsetDateTime endsAt, Integer holdMinutes) {
        return addEvent(null, venueId, title, description, category, startsAt, endsAt, holdMinutes);
    }

    /** A new event, a DRAFT. */
    public Event addEvent(StaffAuditLog.Actor actor, long venueId, String title, String description, String category,
                          OffsetDateTime startsAt, OffsetDateTime endsAt, Integer holdMinutes) {
        EntityManager em = em();
        Venue venue = venueField(venueId);
        checkEvent(title, category, startsAt, endsAt);
        Event event = new Event(venue, title.strip(), blankToNull(description), blankToNull(category), startsAt, endsAt);
        holdMinutes(event, holdMinutes);
        em.persist(event);
        em.flush();
        audit(actor, "event.create", "event " + event.getTitle() + " (id " + event.getId() + ")",
                new StaffAuditLog.Change("event:" + event.getId(), Map.of(), eventValues(event)));
        changed();
        return loaded(event);
    }

    /**
     * New title, description, category, venue, start, end and hold minutes. A cancelled event is not
     * changed any more; once an event has started its venue and start stay as they were (buyers hold
     * tickets for them), and a new start must lie in the future.
     */
    public Event editEvent(StaffAuditLog.Actor actor, long eventId, long venueId, String title, String description, String category,
                           OffsetDateTime startsAt, OffsetDateTime endsAt, Integer holdMinutes) {
        Event event = event(eventId);
        if (event.getStatus() == EventStatus.CANCELLED) {
            throw new CatalogConflictException("cancelled", "The event is cancelled: it cannot be changed any more");
        }
        Venue venue = venueField(venueId);
        require("title", title, 200);
        if (startsAt == null) {
            throw new InvalidFieldException("startsAt", "startsAt is required");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean started = !event.getStartsAt().isAfter(now);
        boolean moved = !startsAt.isEqual(event.getStartsAt());
        if (started && (moved || !venue.getId().equals(event.getVenue().getId()))) {
            throw new CatalogConflictException("started", "The event has started: its venue and start stay as they are");
        }
        if (moved && !startsAt.isAfter(now)) {
            throw new InvalidFieldException("startsAt", "startsAt must be in the future");
        }
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw new InvalidFieldException("endsAt", "endsAt must be after startsAt");
        }
        if (category != null && category.length() > 60) {
            throw new InvalidFieldException("category", "category has at most 60 characters");
        }
        Map<String, Object> before = eventValues(event);
        event.describe(venue, title.strip(), blankToNull(description), blankToNull(category), startsAt, endsAt);
        holdMinutes(event, holdMinutes);
        audit(actor, "event.edit", "event " + event.getTitle() + " (id " + event.getId() + ")",
                new StaffAuditLog.Change("event:" + event.getId(), before, eventValues(event)));
        changed();
        return event;
    }

    /**
     * A copy of the event as a new DRAFT on another date, with copies of its ticket types (names,
     * prices, capacities, limits; sale windows moved by as much as the event). Each copy has its own
     * stock: nothing sold or held carries over.
     */
    public Event duplicateEvent(StaffAuditLog.Actor actor, long eventId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        Event original = event(eventId);
        if (startsAt == null) {
            throw new InvalidFieldException("startsAt", "startsAt is required");
        }
        if (endsAt == null && original.getEndsAt() != null) {
            endsAt = startsAt.plus(Duration.between(original.getStartsAt(), original.getEndsAt()));
        }
        checkEvent(original.getTitle(), original.getCategory(), startsAt, endsAt);
        EntityManager em = em();
        Event copy = new Event(original.getVenue(), original.getTitle(), original.getDescription(), original.getCategory(),
                startsAt, endsAt);
        copy.holdFor(original.getHoldMinutes());
        em.persist(copy);
        Duration shift = Duration.between(original.getStartsAt(), startsAt);
        for (TicketType t : original.getTicketTypes()) {
            TicketType c = new TicketType(copy, t.getName(), t.getPrice(), t.getCapacity());
            c.sellBy(t.getSaleStartsAt() == null ? null : t.getSaleStartsAt().plus(shift),
                    t.getSaleEndsAt() == null ? null : t.getSaleEndsAt().plus(shift), t.getMaxPerOrder(), t.getMaxPerBuyer());
            em.persist(c);
        }
        em.flush();
        Map<String, Object> after = eventValues(copy);
        after.put("copyOf", original.getId());
        after.put("ticketTypes", copy.getTicketTypes().size());
        audit(actor, "event.duplicate", "event " + copy.getTitle() + " (id " + copy.getId() + ") copied from event " + original.getId(),
                new StaffAuditLog.Change("event:" + copy.getId(), Map.of(), after));
        changed();
        return loaded(copy);
    }

    private Venue venueField(long venueId) {
        Venue venue = em().find(Venue.class, venueId);
        if (venue == null) {
            throw new InvalidFieldException("venueId", "No venue " + venueId + " in this shop");
        }
        return venue;
    }

    private static void checkEvent(String title, String category, OffsetDateTime startsAt, OffsetDateTime endsAt) {
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
    }

    private static void holdMinutes(Event event, Integer holdMinutes) {
        if (holdMinutes != null) {
            try {
                event.holdFor(holdMinutes);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("holdMinutes", e.getMessage());
            }
        }
    }

    private static Map<String, Object> eventValues(Event e) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", e.getTitle());
        values.put("category", e.getCategory());
        values.put("venue", e.getVenue().getId());
        values.put("startsAt", e.getStartsAt().toInstant().toString());
        values.put("endsAt", e.getEndsAt() == null ? null : e.getEndsAt().toInstant().toString());
        values.put("holdMinutes", e.getHoldMinutes());
        values.put("descriptionLength", e.getDescription() == null ? 0 : e.getDescription().length());
        return values;
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

    /** A ticket type added by the platform itself (provisioning, operators): not in the shop's audit log. */
    public TicketType addTicketType(long eventId, String name, Money price, int capacity,
                                    OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt,
                                    int maxPerOrder, Integer maxPerBuyer) {
        return addTicketType(null, eventId, name, price, capacity, saleStartsAt, saleEndsAt, maxPerOrder, maxPerBuyer);
    }

    public TicketType addTicketType(StaffAuditLog.Actor actor, long eventId, String name, Money price, int capacity,
                                    OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt,
                                    int maxPerOrder, Integer maxPerBuyer) {
        Event event = event(eventId);
        if (event.getStatus() == EventStatus.CANCELLED) {
            throw new CatalogConflictException("cancelled", "The event is cancelled: it takes no new ticket types");
        }
        checkTicketType(event, null, name, price, capacity);
        TicketType type = new TicketType(event, name.strip(), price, capacity);
        sellBy(type, saleStartsAt, saleEndsAt, maxPerOrder, maxPerBuyer);
        em().persist(type);
        em().flush();
        audit(actor, "ticket-type.create", "ticket type " + type.getName() + " (id " + type.getId() + ") of event " + event.getId(),
                new StaffAuditLog.Change("ticket-type:" + type.getId(), Map.of(), typeValues(type)));
        changed();
        return type;
    }

    /**
     * New name, price, capacity, sale window and limits of a ticket type of {@code eventId}. The
     * capacity never goes below what is sold and held, on sale too. Raising it: the shared stock learns
     * the new number once it is committed. Lowering it: the shared ledger is lowered before the commit
     * and refuses if more are taken than the new number (holds still on their way to the database
     * included), so from then on no node can hand out a ticket beyond it; the row version it carries
     * keeps a reconciliation that read the old row from putting the old number back.
     */
    public TicketType editTicketType(StaffAuditLog.Actor actor, long eventId, long ticketTypeId, String name, Money price,
                                     int capacity, OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt,
                                     int maxPerOrder, Integer maxPerBuyer) {
        Event event = event(eventId);
        TicketType type = event.getTicketTypes().stream().filter(t -> t.getId() == ticketTypeId).findFirst()
                .orElseThrow(() -> new CatalogNotFoundException("ticket type", ticketTypeId));
        if (event.getStatus() == EventStatus.CANCELLED) {
            throw new CatalogConflictException("cancelled", "The event is cancelled: its ticket types cannot be changed");
        }
        checkTicketType(event, type, name, price, capacity);
        EntityManager em = em();
        // one change of this type's capacity at a time; the hold path does not lock this row
        em.lock(type, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(type);
        int oldCapacity = type.getCapacity();
        Map<String, Object> before = typeValues(type);
        HoldRepository.Taken taken = tenantEntityManager.withJdbc(() -> holds.soldAndHeld(new long[] {ticketTypeId}))
                .getOrDefault(ticketTypeId, new HoldRepository.Taken(0, 0));
        if (!price.currency().equals(type.getPrice().currency()) && taken.total() > 0) {
            throw new InvalidFieldException("price", "Tickets were sold in " + type.getPrice().currency().getCurrencyCode()
                    + ": the price stays in it");
        }
        if (capacity < taken.total()) {
            throw new CapacityBelowTakenException(taken.sold(), taken.held());
        }
        type.rename(name.strip());
        type.repriceIn(price);
        type.resize(capacity);
        sellBy(type, saleStartsAt, saleEndsAt, maxPerOrder, maxPerBuyer);
        em.flush(); // the row's new version, which the shared ledger's capacity carries
        long version = type.getVersion();
        if (capacity < oldCapacity) {
            // on this transaction's connection: a ledger built here reads the row it holds locked
            int ledgerTaken = tenantEntityManager.withJdbc(() -> stock.lowerBeforeCommit(ticketTypeId, capacity, version));
            if (ledgerTaken >= 0) {
                throw new CapacityBelowTakenException(taken.sold(), Math.max(taken.held(), ledgerTaken - taken.sold()));
            }
        }
        audit(actor, "ticket-type.edit", "ticket type " + type.getName() + " (id " + type.getId() + ") of event " + event.getId(),
                new StaffAuditLog.Change("ticket-type:" + type.getId(), before, typeValues(type)));
        if (capacity != oldCapacity) {
            registry.registerInterposedSynchronization(
                    new LedgerResize(TenantContext.require(), ticketTypeId, capacity, oldCapacity, version));
        }
        changed();
        return type;
    }

    /**
     * After the transaction: committed, the shared ledger takes the new capacity (a raise starts
     * selling; a lowered one is set again); rolled back, a lowered ledger gets the old number back.
     * Should this node die in between, the ledger keeps the lower number until the type's next
     * capacity change: it undersells, never over.
     */
    private final class LedgerResize implements Synchronization {
        private final io.ticketing.platform.domain.tenant.Tenant tenant;
        private final long ticketTypeId;
        private final int capacity;
        private final int oldCapacity;
        private final long version;

        LedgerResize(io.ticketing.platform.domain.tenant.Tenant tenant, long ticketTypeId, int capacity, int oldCapacity,
                     long version) {
            this.tenant = tenant;
            this.ticketTypeId = ticketTypeId;
            this.capacity = capacity;
            this.oldCapacity = oldCapacity;
            this.version = version;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            boolean committed = status == Status.STATUS_COMMITTED;
            if (!committed && capacity > oldCapacity) {
                return; // a raise never reached the ledger
            }
            try {
                TenantContext.runAs(tenant, () -> stock.resize(ticketTypeId, committed ? capacity : oldCapacity, version));
            } catch (RuntimeException e) {
                // the reconciliation pass sets the ledger from the database within its interval
                LOG.warning("Stock of ticket type " + ticketTypeId + " not resized now (the next reconciliation will): " + e);
            }
        }
    }

    private void checkTicketType(Event event, TicketType self, String name, Money price, int capacity) {
        require("name", name, 120);
        if (event.getTicketTypes().stream().anyMatch(t -> t != self && t.getName().equalsIgnoreCase(name.strip()))) {
            throw new InvalidFieldException("name", "This event already has a ticket type called '" + name.strip() + "'");
        }
        if (price == null) {
            throw new InvalidFieldException("price", "price is required");
        }
        if (price.minorUnits() < 0) {
            throw new InvalidFieldException("price", "price cannot be negative");
        }
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new InvalidFieldException("capacity", "capacity is between 0 and " + MAX_CAPACITY);
        }
    }

    private static void sellBy(TicketType type, OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt, int maxPerOrder,
                               Integer maxPerBuyer) {
        try {
            type.sellBy(saleStartsAt, saleEndsAt, maxPerOrder, maxPerBuyer);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new InvalidFieldException(message.substring(0, message.indexOf(' ')), message);
        }
    }

    private static Map<String, Object> typeValues(TicketType t) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", t.getName());
        values.put("price", t.getPrice().currency().getCurrencyCode() + " " + t.getPrice().amount().toPlainString());
        values.put("capacity", t.getCapacity());
        values.put("saleStartsAt", t.getSaleStartsAt() == null ? null : t.getSaleStartsAt().toInstant().toString());
        values.put("saleEndsAt", t.getSaleEndsAt() == null ? null : t.getSaleEndsAt().toInstant().toString());
        values.put("maxPerOrder", t.getMaxPerOrder());
        values.put("maxPerBuyer", t.getMaxPerBuyer());
        return values;
    }

    /** A status move by the platform itself: not in the shop's audit log. */
    public Event changeStatus(long eventId, EventStatus target) {
        return changeStatus(null, eventId, target);
    }

    public Event changeStatus(StaffAuditLog.Actor actor, long eventId, EventStatus target) {
        Event event = event(eventId);
        EventStatus before = event.getStatus();
        if (target == EventStatus.ON_SALE && event.getTicketTypes().isEmpty() && before == EventStatus.DRAFT) {
            throw new CatalogConflictException("noTicketTypes", "An event goes on sale with at least one ticket type");
        }
        try {
            event.changeStatus(target);
        } catch (IllegalStateException e) {
            throw new CatalogConflictException("status", e.getMessage());
        }
        audit(actor, "event.status", "event " + event.getTitle() + " (id " + event.getId() + "): " + before + " -> " + target,
                new StaffAuditLog.Change("event:" + event.getId(), Map.of("status", before.name()), Map.of("status", target.name())));
        changed();
        return event;
    }

    /** Staff actions go to the shop's audit log in this transaction (commits with the change, or not at all). */
    private void audit(StaffAuditLog.Actor actor, String action, String detail, StaffAuditLog.Change change) {
        if (actor != null) {
            tenantEntityManager.withJdbc(() -> auditLog.add(actor, action, detail, change));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
