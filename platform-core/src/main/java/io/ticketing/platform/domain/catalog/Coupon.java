package io.ticketing.platform.domain.catalog;

import io.ticketing.platform.domain.shared.Money;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A discount code: a percentage or a fixed amount off, optionally limited in number of uses, in
 * time, and to some events or ticket types (none: the whole shop). Codes are case-insensitive and
 * kept in upper case.
 */
@Entity
@Table(name = "coupon")
public class Coupon {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String code;

    @Column(name = "percent_off")
    private Integer percentOff;

    @Column(name = "amount_off_minor")
    private Long amountOffMinor;

    private String currency;

    @Column(name = "usage_limit")
    private Integer usageLimit;

    @Column(name = "times_used", nullable = false)
    private int timesUsed;

    @Column(name = "valid_from")
    private OffsetDateTime validFrom;

    @Column(name = "valid_until")
    private OffsetDateTime validUntil;

    @Column(nullable = false)
    private boolean active = true;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "coupon_event", joinColumns = @JoinColumn(name = "coupon_id"))
    @Column(name = "event_id")
    private Set<Long> eventIds = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "coupon_ticket_type", joinColumns = @JoinColumn(name = "coupon_id"))
    @Column(name = "ticket_type_id")
    private Set<Long> ticketTypeIds = new HashSet<>();

    protected Coupon() {
    }

    private Coupon(String code, Integer percentOff, Money amountOff, Integer usageLimit,
                   OffsetDateTime validFrom, OffsetDateTime validUntil) {
        this.code = normalize(code);
        if (usageLimit != null && usageLimit < 1) {
            throw new IllegalArgumentException("usageLimit is at least 1");
        }
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        this.percentOff = percentOff;
        if (amountOff != null) {
            this.amountOffMinor = amountOff.minorUnits();
            this.currency = amountOff.currency().getCurrencyCode();
        }
        this.usageLimit = usageLimit;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
    }

    /**
     * New terms for an existing coupon (exactly one of {@code percentOff} and {@code amountOff}). The code may change
     * only while the coupon is unused: orders and reports name it. The usage limit never falls below the uses so far.
     */
    public void change(String newCode, Integer newPercentOff, Money newAmountOff, Integer newUsageLimit,
                       OffsetDateTime newValidFrom, OffsetDateTime newValidUntil) {
        String normalized = normalize(newCode);
        if (!normalized.equals(code) && timesUsed > 0) {
            throw new IllegalArgumentException("code cannot change once the coupon has been used (" + timesUsed + " times)");
        }
        if ((newPercentOff == null) == (newAmountOff == null)) {
            throw new IllegalArgumentException("percentOff or amountOff: give exactly one");
        }
        if (newPercentOff != null && (newPercentOff < 1 || newPercentOff > 100)) {
            throw new IllegalArgumentException("percentOff is between 1 and 100");
        }
        if (newAmountOff != null && newAmountOff.minorUnits() <= 0) {
            throw new IllegalArgumentException("amountOff must be more than zero");
        }
        if (newUsageLimit != null && newUsageLimit < Math.max(1, timesUsed)) {
            throw new IllegalArgumentException("usageLimit is at least " + Math.max(1, timesUsed)
                    + (timesUsed > 0 ? ", the uses so far" : ""));
        }
        if (newValidFrom != null && newValidUntil != null && !newValidUntil.isAfter(newValidFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        this.code = normalized;
        this.percentOff = newPercentOff;
        this.amountOffMinor = newAmountOff == null ? null : newAmountOff.minorUnits();
        this.currency = newAmountOff == null ? null : newAmountOff.currency().getCurrencyCode();
        this.usageLimit = newUsageLimit;
        this.validFrom = newValidFrom;
        this.validUntil = newValidUntil;
    }

    /** Switched off, checkout refuses the code; switched on again, it works as before. */
    public void setActive(boolean active) {
        this.active = active;
    }

    public boolean isActive() {
        return active;
    }

    public static Coupon percentOff(String code, int percent, Integer usageLimit, OffsetDateTime validFrom, OffsetDateTime validUntil) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percentOff is between 1 and 100");
        }
        return new Coupon(code, percent, null, usageLimit, validFrom, validUntil);
    }

    public static Coupon amountOff(String code, Money amount, Integer usageLimit, OffsetDateTime validFrom, OffsetDateTime validUntil) {
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("amountOff must be more than zero");
        }
        return new Coupon(code, null, amount, usageLimit, validFrom, validUntil);
    }

    /** The code as stored and compared: trimmed, upper case, letters, digits and inner hyphens. */
    public static String normalize(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(c).matches()) {
            throw new IllegalArgumentException("code has 3 to 40 letters, digits or hyphens, starting with a letter or digit");
        }
        return c;
    }

    public void limitTo(Set<Long> events, Set<Long> ticketTypes) {
        eventIds = new HashSet<>(events);
        ticketTypeIds = new HashSet<>(ticketTypes);
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public Integer getPercentOff() {
        return percentOff;
    }

    public Money getAmountOff() {
        return amountOffMinor == null ? null : Money.ofMinor(amountOffMinor, currency);
    }

    public Integer getUsageLimit() {
        return usageLimit;
    }

    public int getTimesUsed() {
        return timesUsed;
    }

    public OffsetDateTime getValidFrom() {
        return validFrom;
    }

    public OffsetDateTime getValidUntil() {
        return validUntil;
    }

    public Set<Long> getEventIds() {
        return Set.copyOf(eventIds);
    }

    public Set<Long> getTicketTypeIds() {
        return Set.copyOf(ticketTypeIds);
    }
}
