package io.ticketing.platform.domain.checkin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Check-in state of the current shop's tickets and the log of every scan, in the current tenant transaction. */
public interface CheckInLog {

    /** A ticket admitted just now. */
    record Admission(UUID ticketId, String ticketType, Instant at) {
    }

    /**
     * Admits the ticket with {@code code} at {@code eventId} if it is valid and was never admitted: one
     * conditional UPDATE, so of concurrent scans exactly one gets the admission.
     */
    Optional<Admission> admit(String code, long eventId, String staff, String device);

    /** The ticket with this code in the current shop, as it stands now. */
    Optional<TicketAtDoor> find(String code);

    /** The event's title, if the current shop has such an event. */
    Optional<String> eventTitle(long eventId);

    /** Records one scan and its answer. */
    void record(long eventId, UUID ticketId, String code, CheckInOutcome outcome, String staff, String device);

    /** Of one ticket type of an event: tickets that count (valid) and those of them admitted. */
    record TypeCount(long ticketTypeId, String name, long admitted, long valid) {
    }

    /** Per ticket type of the event, in the event's order of types. */
    List<TypeCount> counts(long eventId);
}
