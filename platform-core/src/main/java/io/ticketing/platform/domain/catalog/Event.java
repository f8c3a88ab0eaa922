package io.ticketing.platform.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Something that happens at a venue and sells tickets. */
@Entity
@Table(name = "event")
public class Event {

    public static final int DEFAULT_HOLD_MINUTES = 15;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "venue_id")
    private Venue venue;

    @Column(nullable = false)
    private String title;

    private String description;

    private String category;

    @Column(name = "starts_at", nullable = false)
    private OffsetDateTime startsAt;

    @Column(name = "ends_at")
    private OffsetDateTime endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EventStatus status = EventStatus.DRAFT;

    @Column(name = "hold_minutes", nullable = false)
    private int holdMinutes = DEFAULT_HOLD_MINUTES;

    @Version
    private long version;

    @OneToMany(mappedBy = "event")
    private List<TicketType> ticketTypes = new ArrayList<>();

    protected Event() {
    }

    public Event(Venue venue, String title, String description, String category,
                 OffsetDateTime startsAt, OffsetDateTime endsAt) {
        this.venue = venue;
        this.title = title;
        this.description = description;
        this.category = category;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    public void putOnSale() {
        if (status == EventStatus.CANCELLED) {
            throw new IllegalStateException("a cancelled event cannot go on sale");
        }
        status = EventStatus.ON_SALE;
    }

    /**
     * Moves the event to {@code target} when the organizer may do so: a draft goes on sale (with at
     * least one ticket type) or is cancelled; an event on sale or sold out is cancelled, or taken back
     * off sale to a draft; a cancelled event stays cancelled. SOLD_OUT is the stock engine's to set.
     */
    public void changeStatus(EventStatus target) {
        boolean allowed = switch (status) {
            case DRAFT -> target == EventStatus.ON_SALE || target == EventStatus.CANCELLED;
            case ON_SALE, SOLD_OUT -> target == EventStatus.CANCELLED || target == EventStatus.DRAFT;
            case CANCELLED -> false;
        };
        if (!allowed) {
            throw new IllegalStateException("An event that is " + status + " cannot become " + target);
        }
        if (target == EventStatus.ON_SALE && ticketTypes.isEmpty()) {
            throw new IllegalStateException("An event goes on sale with at least one ticket type");
        }
        status = target;
    }

    /** New details from the organizer; the application checks them against the event's state first. */
    public void describe(Venue venue, String title, String description, String category,
                         OffsetDateTime startsAt, OffsetDateTime endsAt) {
        this.venue = venue;
        this.title = title;
        this.description = description;
        this.category = category;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    public void holdFor(int minutes) {
        if (minutes < 1 || minutes > 120) {
            throw new IllegalArgumentException("holdMinutes is between 1 and 120");
        }
        this.holdMinutes = minutes;
    }

    /** A series edit: the words buyers read (title required; description and category may be empty). */
    public void retell(String title, String description, String category) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title is required");
        }
        this.title = title;
        this.description = description;
        this.category = category;
    }

    public int getHoldMinutes() {
        return holdMinutes;
    }

    public Long getId() {
        return id;
    }

    public Venue getVenue() {
        return venue;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getCategory() {
        return category;
    }

    public OffsetDateTime getStartsAt() {
        return startsAt;
    }

    public OffsetDateTime getEndsAt() {
        return endsAt;
    }

    public EventStatus getStatus() {
        return status;
    }

    public List<TicketType> getTicketTypes() {
        return ticketTypes;
    }
}
