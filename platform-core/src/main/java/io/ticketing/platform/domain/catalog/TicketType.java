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
