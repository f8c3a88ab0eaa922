package io.ticketing.platform.domain.catalog;

import io.ticketing.platform.domain.shared.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A kind of ticket for an event (e.g. "Standing"), with its price and how many exist. */
@Entity
@Table(name = "ticket_type")
public class TicketType {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "event_id")
    private Event event;

    @Column(nullable = false)
    private String name;

    @Column(name = "price_minor", nullable = false)
    private long priceMinor;

    @Column(nullable = false)
    private String currency;

    @Column(nullable = false)
    private int capacity;

    @Column(name = "sale_starts_at")
    private OffsetDateTime saleStartsAt;

    @Column(name = "sale_ends_at")
    private OffsetDateTime saleEndsAt;

    @Column(name = "max_per_order", nullable = false)
    private int maxPerOrder = 10;

    @Column(name = "max_per_buyer")
    private Integer maxPerBuyer;

    @Version
    private long version;

    protected TicketType() {
    }

    public TicketType(Event event, String name, Money price, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity cannot be negative");
        }
        if (price.minorUnits() < 0) {
            throw new IllegalArgumentException("price cannot be negative");
        }
        this.event = event;
        this.name = name;
        this.priceMinor = price.minorUnits();
        this.currency = price.currency().getCurrencyCode();
        this.capacity = capacity;
        event.getTicketTypes().add(this);
    }

    public void rename(String name) {
        this.name = name;
    }

    /** A new price that may be in another currency: only while none of it is sold (CatalogAdministration checks). */
    public void repriceIn(Money price) {
        if (price.minorUnits() < 0) {
            throw new IllegalArgumentException("price cannot be negative");
        }
        this.priceMinor = price.minorUnits();
        this.currency = price.currency().getCurrencyCode();
    }

    /** The new number of tickets; the application checks it against what is sold and held (and the stock engine). */
    /** The row's version: it changes with every committed edit of the ticket type. */
    public long getVersion() {
        return version;
    }

    public void resize(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity cannot be negative");
        }
        this.capacity = capacity;
    }

    /**
     * When it is on sale (either end may be open) and how many one order and one buyer may take
     * ({@code maxPerBuyer} null: no limit beyond the per-order one).
     */
    public void sellBy(OffsetDateTime startsAt, OffsetDateTime endsAt, int maxPerOrder, Integer maxPerBuyer) {
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("saleEndsAt must be after saleStartsAt");
        }
        if (maxPerOrder < 1) {
            throw new IllegalArgumentException("maxPerOrder is at least 1");
        }
        if (maxPerBuyer != null && maxPerBuyer < maxPerOrder) {
            throw new IllegalArgumentException("maxPerBuyer cannot be below maxPerOrder");
        }
        this.saleStartsAt = startsAt;
        this.saleEndsAt = endsAt;
        this.maxPerOrder = maxPerOrder;
        this.maxPerBuyer = maxPerBuyer;
    }

    /** A new price in the ticket type's own currency; orders already placed keep what they paid. */
    public void reprice(Money price) {
        if (price.minorUnits() < 0) {
            throw new IllegalArgumentException("price cannot be negative");
        }
        if (!price.currency().getCurrencyCode().equals(currency)) {
            throw new IllegalArgumentException("price is in " + currency + ", the currency this ticket type sells in");
        }
        this.priceMinor = price.minorUnits();
    }

    /** Whether this ticket type can be bought at {@code now}: its event on sale, inside its window. */
    public boolean isOnSaleAt(OffsetDateTime now) {
        return onSale(event.getStatus(), saleStartsAt, saleEndsAt, now);
    }

    /** The sale rule on plain values, for copies of a ticket type such as cached pages. */
    public static boolean onSale(EventStatus eventStatus, OffsetDateTime saleStartsAt, OffsetDateTime saleEndsAt,
                                 OffsetDateTime now) {
        return eventStatus == EventStatus.ON_SALE
                && (saleStartsAt == null || !now.isBefore(saleStartsAt))
                && (saleEndsAt == null || now.isBefore(saleEndsAt));
    }

    public OffsetDateTime getSaleStartsAt() {
        return saleStartsAt;
    }

    public OffsetDateTime getSaleEndsAt() {
        return saleEndsAt;
    }

    public int getMaxPerOrder() {
        return maxPerOrder;
    }

    public Integer getMaxPerBuyer() {
        return maxPerBuyer;
    }

    public Long getId() {
        return id;
    }

    public Event getEvent() {
        return event;
    }

    public String getName() {
        return name;
    }

    public Money getPrice() {
        return Money.ofMinor(priceMinor, currency);
    }

    public int getCapacity() {
        return capacity;
    }
}
