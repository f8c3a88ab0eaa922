package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.shared.InvalidFieldException;
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
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The series' work on the catalog, each method one JTA transaction: the dates of a series are made (through
 * {@link CatalogAdministration}, so every rule of a new event and ticket type holds) and linked in one go, or not
 * at all. {@link EventSeries} is the way in; it audits after the commit.
 */
@ApplicationScoped
@Transactional
public class SeriesStore {

    @Inject
    TenantEntityManager tenantEntityManager;

    @Inject
    CatalogAdministration catalog;

    @Inject
    jakarta.enterprise.event.Event<CatalogChanged> catalogChanged;

    /** The series an event belongs to, if any. */
    public Optional<Long> seriesOf(long eventId) {
        catalog.event(eventId);
        Object id = em().createNativeQuery("SELECT series_id FROM event WHERE id = ?").setParameter(1, eventId).getSingleResult();
        return id == null ? Optional.empty() : Optional.of(((Number) id).longValue());
    }

    /**
     * Copies {@code source} to every start in {@code starts} (same local times in the venue's zone, sale windows
     * moved by the same number of days) and links them all in a new series row; returns its id and the new event ids.
     */
    public EventSeries.Created create(long sourceId, List<ZonedDateTime> starts, String pattern, String createdBy) {
        Event source = catalog.event(sourceId);
        if (seriesOf(sourceId).isPresent()) {
            throw new CatalogConflictException("This event already belongs to a series: edit that series instead");
        }
        if (source.getStatus() == EventStatus.CANCELLED) {
            throw new CatalogConflictException("This event is cancelled: a series is made from an event that takes place");
        }
        ZoneId zone = source.getVenue().getTimeZone();
        ZonedDateTime sourceStart = source.getStartsAt().atZoneSameInstant(zone);
        List<Long> created = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(sourceStart.toLocalDate(), start.toLocalDate());
            Event copy = catalog.addEvent(source.getVenue().getId(), source.getTitle(), source.getDescription(), source.getCategory(),
                    start.toOffsetDateTime(), shift(source.getEndsAt(), zone, days), source.getHoldMinutes());
            em().flush(); // EclipseLink inserts at flush: the new event's id is needed for its ticket types
            for (TicketType type : source.getTicketTypes()) {
                catalog.addTicketType(copy.getId(), type.getName(), type.getPrice(), type.getCapacity(),
                        shift(type.getSaleStartsAt(), zone, days), shift(type.getSaleEndsAt(), zone, days),
                        type.getMaxPerOrder(), type.getMaxPerBuyer());
            }
            if (source.getStatus().isListed() && !source.getTicketTypes().isEmpty()) {
                catalog.changeStatus(copy.getId(), EventStatus.ON_SALE);
            }
            created.add(copy.getId());
        }
        EntityManager em = em();
        em.flush();
        long seriesId = ((Number) em.createNativeQuery(
                        "INSERT INTO event_series (title, pattern, created_by) VALUES (?, ?, ?) RETURNING id")
                .setParameter(1, source.getTitle()).setParameter(2, pattern).setParameter(3, createdBy).getSingleResult()).longValue();
        List<Long> all = new ArrayList<>(created);
        all.add(0, sourceId);
        for (Long id : all) {
            em.createNativeQuery("UPDATE event SET series_id = ? WHERE id = ?").setParameter(1, seriesId).setParameter(2, id).executeUpdate();
        }
        return new EventSeries.Created(seriesId, sourceId, List.copyOf(created));
    }

    /** The series with its dates, soonest first, and per date the tickets sold (valid) and its capacity. */
    public EventSeries.Series series(long seriesId) {
        EntityManager em = em();
        @SuppressWarnings("unchecked")
        List<Object[]> head = em.createNativeQuery("SELECT id, title, pattern FROM event_series WHERE id = ?")
                .setParameter(1, seriesId).getResultList();
        if (head.isEmpty()) {
            throw new CatalogNotFoundException("series", seriesId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery("""
                SELECT e.id,
                       (SELECT count(*) FROM ticket k JOIN ticket_type t ON t.id = k.ticket_type_id
                         WHERE t.event_id = e.id AND k.status = 'VALID'),
                       (SELECT coalesce(sum(t.capacity), 0) FROM ticket_type t WHERE t.event_id = e.id)
                  FROM event e WHERE e.series_id = ? ORDER BY e.starts_at, e.id""").setParameter(1, seriesId).getResultList();
        List<EventSeries.Date> dates = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Object[] row : counts) {
            Event event = catalog.event(((Number) row[0]).longValue());
            dates.add(new EventSeries.Date(event.getId(), event.getStartsAt().atZoneSameInstant(event.getVenue().getTimeZone()),
                    event.getStatus(), ((Number) row[1]).intValue(), ((Number) row[2]).intValue(), editable(event, now)));
        }
        return new EventSeries.Series(seriesId, (String) head.get(0)[1], (String) head.get(0)[2], List.copyOf(dates));
    }

    /**
     * Changes every future, not cancelled date of the series; null leaves a field as it is. Prices are per ticket type
     * name. Returns the values before and after (only what changed) and how many dates changed.
     */
    public EventSeries.Edited edit(long seriesId, EventSeries.Edit edit) {
        EventSeries.Series series = series(seriesId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        int changed = 0;
        for (EventSeries.Date date : series.dates()) {
            Event event = catalog.event(date.eventId());
            if (!editable(event, now)) {
                continue;
            }
            changed++;
            String title = edit.title() == null ? event.getTitle() : edit.title();
            String description = edit.description() == null ? event.getDescription() : blankToNull(edit.description());
            String category = edit.category() == null ? event.getCategory() : blankToNull(edit.category());
            note(before, after, "title", event.getTitle(), title);
            note(before, after, "description", event.getDescription(), description);
            note(before, after, "category", event.getCategory(), category);
            event.retell(title, description, category);
            if (edit.holdMinutes() != null) {
                note(before, after, "holdMinutes", event.getHoldMinutes(), edit.holdMinutes());
                try {
                    event.holdFor(edit.holdMinutes());
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("holdMinutes", e.getMessage());
                }
            }
            for (TicketType type : event.getTicketTypes()) {
                Money price = edit.prices().get(type.getName());
                if (price == null) {
                    continue;
                }
                note(before, after, "price." + type.getName(), type.getPrice().amount().toPlainString() + " " + type.getPrice().currency(),
                        price.amount().toPlainString() + " " + price.currency());
                try {
                    type.reprice(price);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("price." + type.getName(), e.getMessage());
                }
            }
        }
        if (changed == 0) {
            throw new CatalogConflictException("No date of this series lies ahead: past and cancelled dates are not changed");
        }
        catalogChanged.fire(new CatalogChanged(TenantContext.require().id()));
        return new EventSeries.Edited(series(seriesId), changed, before, after);
    }

    /** A date the series edit changes: not started, not cancelled. */
    static boolean editable(Event event, OffsetDateTime now) {
        return event.getStatus() != EventStatus.CANCELLED && event.getStartsAt().isAfter(now);
    }

    private static void note(Map<String, Object> before, Map<String, Object> after, String field, Object was, Object is) {
        if (!Objects.equals(was, is)) {
            before.putIfAbsent(field, was == null ? "" : was);
            after.put(field, is == null ? "" : is);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static OffsetDateTime shift(OffsetDateTime moment, ZoneId zone, long days) {
        // plusDays on the zoned time keeps the local time of day across a clock change
        return moment == null ? null : moment.atZoneSameInstant(zone).plusDays(days).toOffsetDateTime();
    }

    private EntityManager em() {
        return tenantEntityManager.get();
    }
}
