package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogAdministration;
import io.ticketing.platform.application.CatalogConflictException;
import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.HoldService;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.catalog.Venue;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.storefront.shop.Formats;
import io.ticketing.storefront.shop.ShopPage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event in the back office ({@code /manage/events/edit.xhtml?event=12}, or without {@code event} a new one):
 * its details with start and end as local times in the venue's zone, its status moves, a copy on another date,
 * and its ticket types with live sold / held / available and a form to add one or edit one
 * ({@code &type=5}). Every change goes through {@link CatalogAdministration}, as the API's do; the event and
 * type travel in each form as hidden fields, so every post names them as the address did.
 */
@Named("eventEdit")
@RequestScoped
public class EventEditPage {

    /** Currencies offered for a price; a type keeps its own (shown first) if it is another. */
    static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF", "CNY", "JPY", "SEK", "DKK", "NOK", "PLN");

    @Inject
    CatalogAdministration catalog;
    @Inject
    HoldService holds;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;
    @Inject
    ShopPage shop;

    private Event event;
    private boolean eventRead;
    private List<Venue> venues;
    private Map<Long, HoldService.TypeStock> stock;

    // the event form
    private String title;
    private String description;
    private String category;
    private String venueId;
    private String startsAt;
    private String endsAt;
    private String holdMinutes;
    // the copy
    private String copyStartsAt;
    private String copyEndsAt;
    // the ticket type form
    private String typeName;
    private String typePrice;
    private String typeCurrency;
    private String typeCapacity;
    private String typeSaleStartsAt;
    private String typeSaleEndsAt;
    private String typeMaxPerOrder;
    private String typeMaxPerBuyer;

    /** GET: another shop's event, or none such, is not found (404), as in the API. */
    public void load() throws IOException {
        String id = request.getParameter("event");
        if (id != null && !id.isBlank() && getEvent() == null) {
            FacesContext context = FacesContext.getCurrentInstance();
            context.getExternalContext().responseSendError(404, fmt.text("events.notFound"));
            context.responseComplete();
            return;
        }
        if (getEvent() != null && request.getParameter("type") != null && getType() == null) {
            FacesContext context = FacesContext.getCurrentInstance();
            context.getExternalContext().responseSendError(404, fmt.text("events.notFound"));
            context.responseComplete();
        }
    }

    public Event getEvent() {
        if (!eventRead) {
            eventRead = true;
            String id = request.getParameter("event");
            if (id != null && !id.isBlank()) {
                try {
                    event = catalog.event(Long.parseLong(id.strip()));
                } catch (CatalogNotFoundException | NumberFormatException e) {
                    event = null;
                }
            }
        }
        return event;
    }

    public boolean isNewEvent() {
        return getEvent() == null;
    }

    public Long getEventId() {
        return getEvent() == null ? null : getEvent().getId();
    }

    public boolean isMayChange() {
        return EventForms.mayChange(request);
    }

    public List<Venue> getVenues() {
        if (venues == null) {
            venues = catalog.venues();
        }
        return venues;
    }

    public boolean isNoVenues() {
        return getVenues().isEmpty();
    }

    private ZoneId zone() {
        String chosen = venueId != null ? venueId : getVenueId();
        return getVenues().stream().filter(v -> String.valueOf(v.getId()).equals(chosen)).findFirst()
                .map(Venue::getTimeZone)
                .orElse(getEvent() != null ? getEvent().getVenue().getTimeZone() : ZoneId.of("UTC"));
    }

    public String getZone() {
        return getEvent() == null ? "" : getEvent().getVenue().getTimeZone().getId();
    }

    public String statusLabel(EventStatus status) {
        return fmt.text("events.status." + status.name());
    }

    public ZonedDateTime getLocalStart() {
        return getEvent() == null ? null : getEvent().getStartsAt().atZoneSameInstant(getEvent().getVenue().getTimeZone());
    }

    // --- the event form

    public String getTitle() {
        return title != null ? title : getEvent() == null ? "" : getEvent().getTitle();
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description != null ? description : getEvent() == null ? "" : nz(getEvent().getDescription());
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getCategory() {
        return category != null ? category : getEvent() == null ? "" : nz(getEvent().getCategory());
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getVenueId() {
        if (venueId != null) {
            return venueId;
        }
        if (getEvent() != null) {
            return String.valueOf(getEvent().getVenue().getId());
        }
        String asked = request.getParameter("venue");
        return asked != null ? asked : getVenues().isEmpty() ? "" : String.valueOf(getVenues().get(0).getId());
    }

    public void setVenueId(String venueId) {
        this.venueId = venueId;
    }

    public String getStartsAt() {
        return startsAt != null ? startsAt : getEvent() == null ? "" : EventForms.local(getEvent().getStartsAt(), zone());
    }

    public void setStartsAt(String startsAt) {
        this.startsAt = startsAt;
    }

    public String getEndsAt() {
        return endsAt != null ? endsAt : getEvent() == null ? "" : EventForms.local(getEvent().getEndsAt(), zone());
    }

    public void setEndsAt(String endsAt) {
        this.endsAt = endsAt;
    }

    public String getHoldMinutes() {
        return holdMinutes != null ? holdMinutes : String.valueOf(getEvent() == null ? Event.DEFAULT_HOLD_MINUTES : getEvent().getHoldMinutes());
    }

    public void setHoldMinutes(String holdMinutes) {
        this.holdMinutes = holdMinutes;
    }

    public void saveEvent() {
        try {
            var actor = EventForms.actor(request);
            Long venue = venueId == null || venueId.isBlank() ? null : Long.valueOf(venueId);
            if (venue == null) {
                throw new InvalidFieldException("venueId", "venueId is required");
            }
            ZoneId zone = zone();
            if (getEvent() == null) {
                Event created = catalog.addEvent(actor, venue, title, description, category,
                        EventForms.parse(startsAt, zone, "startsAt"), EventForms.parse(endsAt, zone, "endsAt"),
                        EventForms.parseInt(holdMinutes, "holdMinutes"));
                EventForms.redirect(editUrl(created.getId()), fmt.text("events.created"));
            } else {
                catalog.editEvent(actor, getEvent().getId(), venue, title, description, category,
                        EventForms.parse(startsAt, zone, "startsAt"), EventForms.parse(endsAt, zone, "endsAt"),
                        EventForms.parseInt(holdMinutes, "holdMinutes"));
                EventForms.redirect(editUrl(getEvent().getId()), fmt.text("events.saved"));
            }
        } catch (InvalidFieldException e) {
            EventForms.fieldError(fmt, "eventForm", e);
        } catch (CatalogConflictException e) {
            EventForms.conflict(fmt, e);
        }
    }

    // --- status

    public boolean isMayPutOnSale() {
        return getEvent() != null && getEvent().getStatus() == EventStatus.DRAFT;
    }

    public boolean isMayTakeOffSale() {
        return getEvent() != null && (getEvent().getStatus() == EventStatus.ON_SALE || getEvent().getStatus() == EventStatus.SOLD_OUT);
    }

    public boolean isCancelled() {
        return getEvent() != null && getEvent().getStatus() == EventStatus.CANCELLED;
    }

    public void putOnSale() {
        moveTo(EventStatus.ON_SALE, "events.putOnSale.done");
    }

    public void takeOffSale() {
        moveTo(EventStatus.DRAFT, "events.takeOffSale.done");
    }

    private void moveTo(EventStatus target, String doneKey) {
        try {
            catalog.changeStatus(EventForms.actor(request), getEvent().getId(), target);
            EventForms.redirect(editUrl(getEvent().getId()), fmt.text(doneKey));
        } catch (CatalogConflictException e) {
            EventForms.conflict(fmt, e);
        }
    }

    // --- copy

    public String getCopyStartsAt() {
        return copyStartsAt;
    }

    public void setCopyStartsAt(String copyStartsAt) {
        this.copyStartsAt = copyStartsAt;
    }

    public String getCopyEndsAt() {
        return copyEndsAt;
    }

    public void setCopyEndsAt(String copyEndsAt) {
        this.copyEndsAt = copyEndsAt;
    }

    public void duplicate() {
        try {
            ZoneId zone = getEvent().getVenue().getTimeZone();
            Event copy = catalog.duplicateEvent(EventForms.actor(request), getEvent().getId(),
                    EventForms.parse(copyStartsAt, zone, "startsAt"), EventForms.parse(copyEndsAt, zone, "endsAt"));
            EventForms.redirect(editUrl(copy.getId()), fmt.text("events.duplicated"));
        } catch (InvalidFieldException e) {
            EventForms.fieldError(fmt, "copy", e);
        } catch (CatalogConflictException e) {
            EventForms.conflict(fmt, e);
        }
    }

    // --- ticket types

    public List<TicketType> getTicketTypes() {
        return getEvent() == null ? List.of() : getEvent().getTicketTypes().stream()
                .sorted(java.util.Comparator.comparing(TicketType::getId)).toList();
    }

    public boolean isNoTicketTypes() {
        return getTicketTypes().isEmpty();
    }

    public HoldService.TypeStock stockOf(TicketType type) {
        if (stock == null) {
            Map<Long, Integer> capacities = new HashMap<>();
            getTicketTypes().forEach(t -> capacities.put(t.getId(), t.getCapacity()));
            stock = holds.stockOf(capacities);
        }
        return stock.getOrDefault(type.getId(), HoldService.TypeStock.NONE);
    }

    public ZonedDateTime local(java.time.OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(getEvent().getVenue().getTimeZone());
    }

    /** The type being edited ({@code ?type=}), or null for a new one. */
    public TicketType getType() {
        String id = request.getParameter("type");
        if (id == null || id.isBlank() || getEvent() == null) {
            return null;
        }
        return getTicketTypes().stream().filter(t -> String.valueOf(t.getId()).equals(id.strip())).findFirst().orElse(null);
    }

    public Long getTypeId() {
        return getType() == null ? null : getType().getId();
    }

    public String getTypeName() {
        return typeName != null ? typeName : getType() == null ? "" : getType().getName();
    }

    public void setTypeName(String typeName) {
        this.typeName = typeName;
    }

    public String getTypePrice() {
        return typePrice != null ? typePrice : getType() == null ? "" : getType().getPrice().amount().toPlainString();
    }

    public void setTypePrice(String typePrice) {
        this.typePrice = typePrice;
    }

    public String getTypeCurrency() {
        if (typeCurrency != null) {
            return typeCurrency;
        }
        if (getType() != null) {
            return getType().getPrice().currency().getCurrencyCode();
        }
        return getTicketTypes().isEmpty() ? "EUR" : getTicketTypes().get(0).getPrice().currency().getCurrencyCode();
    }

    public void setTypeCurrency(String typeCurrency) {
        this.typeCurrency = typeCurrency;
    }

    public List<String> getCurrencies() {
        String own = getTypeCurrency();
        if (CURRENCIES.contains(own)) {
            return CURRENCIES;
        }
        List<String> all = new java.util.ArrayList<>(List.of(own));
        all.addAll(CURRENCIES);
        return all;
    }

    public String getTypeCapacity() {
        return typeCapacity != null ? typeCapacity : getType() == null ? "" : String.valueOf(getType().getCapacity());
    }

    public void setTypeCapacity(String typeCapacity) {
        this.typeCapacity = typeCapacity;
    }

    public String getTypeSaleStartsAt() {
        return typeSaleStartsAt != null ? typeSaleStartsAt : getType() == null ? "" : EventForms.local(getType().getSaleStartsAt(), zone());
    }

    public void setTypeSaleStartsAt(String typeSaleStartsAt) {
        this.typeSaleStartsAt = typeSaleStartsAt;
    }

    public String getTypeSaleEndsAt() {
        return typeSaleEndsAt != null ? typeSaleEndsAt : getType() == null ? "" : EventForms.local(getType().getSaleEndsAt(), zone());
    }

    public void setTypeSaleEndsAt(String typeSaleEndsAt) {
        this.typeSaleEndsAt = typeSaleEndsAt;
    }

    public String getTypeMaxPerOrder() {
        return typeMaxPerOrder != null ? typeMaxPerOrder : getType() == null ? "10" : String.valueOf(getType().getMaxPerOrder());
    }

    public void setTypeMaxPerOrder(String typeMaxPerOrder) {
        this.typeMaxPerOrder = typeMaxPerOrder;
    }

    public String getTypeMaxPerBuyer() {
        return typeMaxPerBuyer != null ? typeMaxPerBuyer
                : getType() == null || getType().getMaxPerBuyer() == null ? "" : String.valueOf(getType().getMaxPerBuyer());
    }

    public void setTypeMaxPerBuyer(String typeMaxPerBuyer) {
        this.typeMaxPerBuyer = typeMaxPerBuyer;
    }

    public void saveType() {
        try {
            var actor = EventForms.actor(request);
            ZoneId zone = getEvent().getVenue().getTimeZone();
            Money price = price(typePrice, typeCurrency);
            Integer capacity = EventForms.parseInt(typeCapacity, "capacity");
            if (capacity == null) {
                throw new InvalidFieldException("capacity", "capacity is required");
            }
            Integer perOrder = EventForms.parseInt(typeMaxPerOrder, "maxPerOrder");
            Integer perBuyer = EventForms.parseInt(typeMaxPerBuyer, "maxPerBuyer");
            if (getType() == null) {
                catalog.addTicketType(actor, getEvent().getId(), typeName, price, capacity,
                        EventForms.parse(typeSaleStartsAt, zone, "saleStartsAt"), EventForms.parse(typeSaleEndsAt, zone, "saleEndsAt"),
                        perOrder == null ? 10 : perOrder, perBuyer);
                EventForms.redirect(editUrl(getEvent().getId()) + "#types-title", fmt.text("events.type.created"));
            } else {
                catalog.editTicketType(actor, getEvent().getId(), getType().getId(), typeName, price, capacity,
                        EventForms.parse(typeSaleStartsAt, zone, "saleStartsAt"), EventForms.parse(typeSaleEndsAt, zone, "saleEndsAt"),
                        perOrder == null ? 10 : perOrder, perBuyer);
                EventForms.redirect(editUrl(getEvent().getId()) + "#types-title", fmt.text("events.type.saved"));
            }
        } catch (InvalidFieldException e) {
            EventForms.fieldError(fmt, "typeForm", e);
        } catch (CatalogConflictException e) {
            EventForms.conflict(fmt, e);
        }
    }

    /** The amount as typed (a comma for the decimal point too), read by the same rule as the API's prices. */
    private static Money price(String amount, String currencyCode) {
        if (amount == null || amount.isBlank()) {
            throw new InvalidFieldException("price", "price is required");
        }
        var json = io.ticketing.platform.json.JsonFields.JSON.createObjectBuilder()
                .add("price", io.ticketing.platform.json.JsonFields.JSON.createObjectBuilder()
                        .add("amount", amount.strip().replace(',', '.')).add("currency", currencyCode == null ? "" : currencyCode))
                .build();
        return io.ticketing.platform.json.JsonFields.money(json, "price");
    }

    public String editUrl(long eventId) {
        return shop.url("/manage/events/edit.xhtml?event=" + eventId);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
