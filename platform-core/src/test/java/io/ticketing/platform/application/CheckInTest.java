package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.checkin.CheckInLog;
import io.ticketing.platform.domain.checkin.CheckInOutcome;
import io.ticketing.platform.domain.checkin.TicketAtDoor;
import io.ticketing.platform.domain.order.TicketPass;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The door's rules with an in-memory log: which scans reach the database, and what each answer says. */
class CheckInTest {

    private static final Tenant ACME = new Tenant(1, new TenantSlug("acme"), "Acme", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    private static final Tenant GLOBEX = new Tenant(2, new TenantSlug("globex"), "Globex", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    private static final String CODE = "9F86D081884C7D659A2FEAA0C55AD015";
    private static final long GALA = 7;
    private static final long MATINEE = 8;
    private static final CheckIn.Scanner GATE_A = new CheckIn.Scanner("ana@acme.test", "Gate A");

    private final String masterKey = SecretBox.newMasterKey();
    private final FakeLog log = new FakeLog();
    private final CheckIn checkIn = checkIn();

    private CheckIn checkIn() {
        TenantSecrets secrets = new TenantSecrets();
        CoreServices.inject(secrets, "masterKey", Optional.of(masterKey));
        TicketPasses passes = new TicketPasses();
        CoreServices.inject(passes, "secrets", secrets);
        CheckIn service = new CheckIn();
        CoreServices.inject(service, "transactions", new InlineTransactions(), "log", log, "passes", passes,
                "metrics", new io.ticketing.platform.infrastructure.metrics.BusinessMetrics());
        return service;
    }

    private String pass(Tenant shop, String code) {
        return TenantContext.callAs(shop, () -> {
            TicketPasses passes = new TicketPasses();
            TenantSecrets secrets = new TenantSecrets();
            CoreServices.inject(secrets, "masterKey", Optional.of(masterKey));
            CoreServices.inject(passes, "secrets", secrets);
            return passes.passOf(code);
        });
    }

    private CheckIn.Answer scan(long event, String text, CheckIn.Scanner scanner) {
        return TenantContext.callAs(ACME, () -> checkIn.scan(event, text, scanner));
    }

    @Test
    void theFirstScanAdmitsAndTheSecondSaysWhenAndByWhom() {
        log.ticket(CODE, GALA, "Stalls", true);
        CheckIn.Answer first = scan(GALA, pass(ACME, CODE), GATE_A);
        assertThat(first.outcome()).isEqualTo(CheckInOutcome.ADMITTED);
        assertThat(first.admitted()).isTrue();
        assertThat(first.ticketType()).isEqualTo("Stalls");

        CheckIn.Answer second = scan(GALA, CODE.toLowerCase(), new CheckIn.Scanner("bo@acme.test", null));
        assertThat(second.outcome()).isEqualTo(CheckInOutcome.ALREADY_ADMITTED);
        assertThat(second.admitted()).isFalse();
        assertThat(second.firstAdmittedBy()).isEqualTo("ana@acme.test");
        assertThat(second.firstAdmittedDevice()).isEqualTo("Gate A");
        assertThat(second.firstAdmittedAt()).isEqualTo(first.firstAdmittedAt());
        assertThat(log.scans).containsExactly("ADMITTED " + CODE, "ALREADY_ADMITTED " + CODE);
    }

    @Test
    void forgedAlteredAndOtherShopsPassesAreRefusedWithoutLookingAnythingUp() {
        log.ticket(CODE, GALA, "Stalls", true);
        String genuine = pass(ACME, CODE);
        String altered = genuine.replace(CODE, CODE.substring(0, 31) + "6");
        String badMac = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
        String signedByGlobex = pass(GLOBEX, CODE).replace("TKT1.globex.", "TKT1.acme.");

        assertThat(scan(GALA, altered, GATE_A).outcome()).isEqualTo(CheckInOutcome.FORGED);
        assertThat(scan(GALA, badMac, GATE_A).outcome()).isEqualTo(CheckInOutcome.FORGED);
        assertThat(scan(GALA, signedByGlobex, GATE_A).outcome()).as("another shop's key").isEqualTo(CheckInOutcome.FORGED);
        assertThat(scan(GALA, pass(GLOBEX, CODE), GATE_A).outcome()).isEqualTo(CheckInOutcome.OTHER_SHOP);
        assertThat(scan(GALA, "https://example.com/not-a-ticket", GATE_A).outcome()).isEqualTo(CheckInOutcome.UNREADABLE);
        assertThat(scan(GALA, "x".repeat(CheckIn.MAX_SCANNED + 1), GATE_A).outcome()).isEqualTo(CheckInOutcome.UNREADABLE);
        assertThat(log.ticketReads).as("no ticket was asked for").isZero();
        assertThat(log.scans).containsExactly("FORGED null", "FORGED null", "FORGED null", "OTHER_SHOP null", "UNREADABLE null",
                "UNREADABLE null");
        assertThat(scan(GALA, genuine, GATE_A).admitted()).as("the genuine pass still admits").isTrue();
    }

    @Test
    void voidedOtherEventAndUnknownTicketsAreRefusedSayingWhy() {
        String voided = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String matinee = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        log.ticket(voided, GALA, "Stalls", false);
        log.ticket(matinee, MATINEE, "Balcony", true);

        assertThat(scan(GALA, pass(ACME, voided), GATE_A).outcome()).isEqualTo(CheckInOutcome.VOIDED);
        CheckIn.Answer wrongDoor = scan(GALA, pass(ACME, matinee), GATE_A);
        assertThat(wrongDoor.outcome()).isEqualTo(CheckInOutcome.OTHER_EVENT);
        assertThat(wrongDoor.otherEventId()).isEqualTo(MATINEE);
        assertThat(wrongDoor.otherEventTitle()).isEqualTo("Event " + MATINEE);
        assertThat(scan(MATINEE, matinee, GATE_A).admitted()).as("at its own door it admits").isTrue();
        assertThat(scan(GALA, "CCCC-CCCC-CCCC-CCCC", GATE_A).outcome()).isEqualTo(CheckInOutcome.UNKNOWN_TICKET);
    }

    @Test
    void nothingScannedOrNoSuchEventIsTheCallersMistake() {
        assertThatThrownBy(() -> scan(GALA, "  ", GATE_A)).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> scan(99, CODE, GATE_A)).isInstanceOf(CatalogNotFoundException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> new CheckIn.Scanner("ana", "x".repeat(CheckIn.MAX_DEVICE + 1))).isInstanceOf(InvalidFieldException.class);
        assertThat(log.scans).isEmpty();
    }

    @Test
    void aRefusalNamesTheEventFirstThenARefundThenTheEarlierAdmission() {
        Instant at = Instant.parse("2026-12-24T19:00:00Z");
        assertThat(new TicketAtDoor(null, CODE, 2, "B", "T", false, at, "x", null).refusal(1)).isEqualTo(CheckInOutcome.OTHER_EVENT);
        assertThat(new TicketAtDoor(null, CODE, 1, "A", "T", false, at, "x", null).refusal(1)).isEqualTo(CheckInOutcome.VOIDED);
        assertThat(new TicketAtDoor(null, CODE, 1, "A", "T", true, at, "x", null).refusal(1)).isEqualTo(CheckInOutcome.ALREADY_ADMITTED);
    }

    private static final class InlineTransactions implements TenantTransactions {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            TenantContext.require();
            return work.get();
        }

        @Override
        public void lockUntilCommit(String name) {
        }
    }

    /** Tickets in memory; counts how often a ticket is read or changed. */
    private static final class FakeLog implements CheckInLog {
        private final Map<String, TicketAtDoor> tickets = new HashMap<>();
        private final List<String> scans = new ArrayList<>();
        private int ticketReads;

        void ticket(String code, long event, String type, boolean valid) {
            tickets.put(code, new TicketAtDoor(UUID.randomUUID(), code, event, "Event " + event, type, valid, null, null, null));
        }

        @Override
        public Optional<Admission> admit(String code, long eventId, String staff, String device) {
            ticketReads++;
            TicketAtDoor t = tickets.get(code);
            if (t == null || t.eventId() != eventId || !t.valid() || t.checkedInAt() != null) {
                return Optional.empty();
            }
            Instant now = Instant.now();
            tickets.put(code, new TicketAtDoor(t.id(), code, eventId, t.eventTitle(), t.ticketType(), true, now, staff, device));
            return Optional.of(new Admission(t.id(), t.ticketType(), now));
        }

        @Override
        public Optional<TicketAtDoor> find(String code) {
            ticketReads++;
            return Optional.ofNullable(tickets.get(code));
        }

        @Override
        public Optional<String> eventTitle(long eventId) {
            return eventId == GALA || eventId == MATINEE ? Optional.of("Event " + eventId) : Optional.empty();
        }

        @Override
        public void record(long eventId, UUID ticketId, String code, CheckInOutcome outcome, String staff, String device) {
            scans.add(outcome + " " + code);
        }

        @Override
        public List<TypeCount> counts(long eventId) {
            return List.of();
        }
    }
}
