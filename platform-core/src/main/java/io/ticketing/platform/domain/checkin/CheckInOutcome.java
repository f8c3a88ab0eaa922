package io.ticketing.platform.domain.checkin;

/** What the door answers to one scan: admitted, or why not. */
public enum CheckInOutcome {
    /** The ticket's first scan: let the holder in. */
    ADMITTED,
    /** Scanned before: refused, with when and by whom it was first admitted. */
    ALREADY_ADMITTED,
    /** Refunded (voided): refused. */
    VOIDED,
    /** A ticket of another event of this shop: refused, naming that event. */
    OTHER_EVENT,
    /** No ticket of this shop has that code. */
    UNKNOWN_TICKET,
    /** Names this shop, but its signature does not hold: forged or altered. Refused before the database is asked. */
    FORGED,
    /** A pass of another shop on this platform: refused without looking anything up. */
    OTHER_SHOP,
    /** Neither a pass nor a ticket code. */
    UNREADABLE;

    public boolean admits() {
        return this == ADMITTED;
    }
}
