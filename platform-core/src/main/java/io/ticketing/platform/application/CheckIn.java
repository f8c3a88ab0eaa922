package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import io.ticketing.platform.domain.checkin.CheckInLog;
import io.ticketing.platform.domain.checkin.CheckInOutcome;
import io.ticketing.platform.domain.checkin.TicketAtDoor;
import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Check-in at the door, for the shop's staff: a scanned pass (or a code typed by hand) is admitted
 * once, at the event the scanner is set to. A forged, altered or another shop's pass is refused from
 * its text alone, before any ticket is looked up; the first scan of a genuine ticket admits it in one
 * conditional UPDATE, so two scanners on two nodes cannot both admit it. Every scan is logged with its
 * answer. The JSON API and the check-in page both answer with {@link Answer}.
 */
@ApplicationScoped
public class CheckIn {

    /** Longer than any pass ({@code TKT1.<63>.<40>.<22>}); a scanner that sends more read something else. */
    public static final int MAX_SCANNED = 200;
    public static final int MAX_DEVICE = 100;

    @Inject
    BusinessMetrics metrics;

    @Inject
    TenantTransactions transactions;

    @Inject
    CheckInLog log;

    @Inject
    TicketPasses passes;

    /** Who scans: the staff member as the log names them (e-mail, else subject), and the scanner if known. */
    public record Scanner(String staff, String device) {
        public Scanner {
            if (staff == null || staff.isBlank()) {
                throw new IllegalArgumentException("a scan is made by someone");
            }
            staff = staff.length() > 320 ? staff.substring(0, 320) : staff;
            device = device == null || device.isBlank() ? null : device.strip();
            if (device != null && device.length() > MAX_DEVICE) {
                throw new InvalidFieldException("device", "device is a scanner's name of at most " + MAX_DEVICE + " characters");
            }
        }
    }

    /**
     * The door's answer. {@code ticketType} and {@code code} when a ticket was found; {@code firstAdmittedAt},
     * {@code firstAdmittedBy} and {@code firstAdmittedDevice} for one admitted before; {@code otherEventId} and
     * {@code otherEventTitle} for a ticket of another event.
     */
    public record Answer(CheckInOutcome outcome, String code, String ticketType, Instant firstAdmittedAt, String firstAdmittedBy,
                         String firstAdmittedDevice, Long otherEventId, String otherEventTitle) {

        public boolean admitted() {
            return outcome.admits();
        }

        static Answer refused(CheckInOutcome outcome) {
            return new Answer(outcome, null, null, null, null, null, null, null);
        }
    }

    /** What a scan names: a ticket code to look up, or a refusal decided from the text alone. */
    record Reading(String code, CheckInOutcome refusal) {
    }

    /** Reads the scanned text without the database: a pass is checked with the shop's key, anything else must be a code. */
    Reading read(String scanned) {
        if (scanned == null || scanned.isBlank()) {
            throw new InvalidFieldException("code", "code is the text the scanner read, or the ticket code typed by hand");
        }
        if (scanned.length() > MAX_SCANNED) {
            return new Reading(null, CheckInOutcome.UNREADABLE);
        }
        TicketPass.Scan scan = passes.read(scanned);
        if (scan instanceof TicketPass.Genuine genuine) {
            return new Reading(genuine.pass().code(), null);
        }
        if (scan instanceof TicketPass.Forged) {
            return new Reading(null, CheckInOutcome.FORGED);
        }
        if (scan instanceof TicketPass.OtherShop) {
            return new Reading(null, CheckInOutcome.OTHER_SHOP);
        }
        return TicketPass.typedCode(scanned).map(code -> new Reading(code, null))
                .orElseGet(() -> new Reading(null, CheckInOutcome.UNREADABLE));
    }

    /** Checks in what was scanned at the door of {@code eventId}. 404 (CatalogNotFoundException) for no such event. */
    public Answer scan(long eventId, String scanned, Scanner scanner) {
        Reading reading = read(scanned);
        Answer answer = transactions.inTransaction(() -> {
            requireEvent(eventId);
            if (reading.refusal() != null) {
                log.record(eventId, null, null, reading.refusal(), scanner.staff(), scanner.device());
                return Answer.refused(reading.refusal());
            }
            return admit(eventId, reading.code(), scanner, true);
        });
        metrics.checkIn(answer.outcome().name());
        return answer;
    }

    private Answer admit(long eventId, String code, Scanner scanner, boolean mayRetry) {
        Optional<CheckInLog.Admission> admitted = log.admit(code, eventId, scanner.staff(), scanner.device());
        if (admitted.isPresent()) {
            log.record(eventId, admitted.get().ticketId(), code, CheckInOutcome.ADMITTED, scanner.staff(), scanner.device());
            return new Answer(CheckInOutcome.ADMITTED, code, admitted.get().ticketType(), admitted.get().at(), scanner.staff(),
                    scanner.device(), null, null);
        }
        Optional<TicketAtDoor> found = log.find(code);
        if (found.isEmpty()) {
            log.record(eventId, null, code, CheckInOutcome.UNKNOWN_TICKET, scanner.staff(), scanner.device());
            return new Answer(CheckInOutcome.UNKNOWN_TICKET, code, null, null, null, null, null, null);
        }
        TicketAtDoor ticket = found.get();
        CheckInOutcome refusal = ticket.refusal(eventId);
        if (refusal == CheckInOutcome.ADMITTED && mayRetry) {
            // Fit after all: the row changed between the two statements (another scan rolled back); try once more.
            return admit(eventId, code, scanner, false);
        }
        if (refusal == CheckInOutcome.ADMITTED) {
            throw new IllegalStateException("Ticket " + code + " could not be admitted though it looks fit; scan it again");
        }
        log.record(eventId, ticket.id(), code, refusal, scanner.staff(), scanner.device());
        return new Answer(refusal, code, ticket.ticketType(), ticket.checkedInAt(), ticket.checkedInBy(), ticket.checkedInDevice(),
                refusal == CheckInOutcome.OTHER_EVENT ? ticket.eventId() : null,
                refusal == CheckInOutcome.OTHER_EVENT ? ticket.eventTitle() : null);
    }

    /** Check-in counts of an event: per ticket type and in total. */
    public record Counts(long eventId, String eventTitle, List<CheckInLog.TypeCount> ticketTypes) {

        public long admitted() {
            return ticketTypes.stream().mapToLong(CheckInLog.TypeCount::admitted).sum();
        }

        public long valid() {
            return ticketTypes.stream().mapToLong(CheckInLog.TypeCount::valid).sum();
        }
    }

    public Counts counts(long eventId) {
        return transactions.inTransaction(() -> new Counts(eventId, requireEvent(eventId), log.counts(eventId)));
    }

    private String requireEvent(long eventId) {
        return log.eventTitle(eventId).orElseThrow(() -> new CatalogNotFoundException("event", eventId));
    }
}
