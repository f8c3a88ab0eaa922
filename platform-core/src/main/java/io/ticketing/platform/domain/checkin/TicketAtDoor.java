package io.ticketing.platform.domain.checkin;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket as the door sees it: its event, type, whether it still counts and whether (when, by whom,
 * at which device) it was admitted.
 */
public record TicketAtDoor(UUID id, String code, long eventId, String eventTitle, String ticketType, boolean valid,
                           Instant checkedInAt, String checkedInBy, String checkedInDevice) {

    /**
     * Why a scan for {@code scannerEvent} did not admit this ticket (the conditional admission found it
     * unfit). Order matters: a refunded ticket is refused as refunded even if it was admitted before.
     */
    public CheckInOutcome refusal(long scannerEvent) {
        if (eventId != scannerEvent) {
            return CheckInOutcome.OTHER_EVENT;
        }
        if (!valid) {
            return CheckInOutcome.VOIDED;
        }
        if (checkedInAt != null) {
            return CheckInOutcome.ALREADY_ADMITTED;
        }
        // Fit after all: only possible if the admitting scan rolled back meanwhile; the caller tries again.
        return CheckInOutcome.ADMITTED;
    }
}
