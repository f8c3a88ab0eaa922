package io.ticketing.platform.infrastructure.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotLedgerTest {

    private static final long NOW = 1_000_000L;

    @Test
    void handsOutTheLowestFreeSlotsAndNeverMoreThanCapacity() {
        SlotLedger ledger = new SlotLedger(5, 0, Set.of(2), 0);
        assertThat(ledger.take(2, 1, NOW)).containsExactly(1, 3);
        assertThat(ledger.available()).isEqualTo(2);
        assertThat(ledger.take(3, 2, NOW)).isNull();
        assertThat(ledger.available()).as("a refused take takes nothing").isEqualTo(2);
        assertThat(ledger.take(2, 3, NOW)).containsExactly(4, 5);
        assertThat(ledger.take(1, 4, NOW)).isNull();
        assertThat(ledger.take(0, 5, NOW)).isNull();
    }

    @Test
    void aNewCapacityIsRefusedBelowWhatIsTakenAndASlotAboveALoweredOneIsNeverHandedOutAgain() {
        SlotLedger ledger = new SlotLedger(10, 0, Set.of(1, 2, 10), 0);
        int[] pending = ledger.take(2, 1, NOW);
        assertThat(pending).containsExactly(3, 4);
        assertThat(ledger.resize(4, 0)).as("5 taken, pending ones counted").isFalse();
        assertThat(ledger.available()).isEqualTo(5);
        assertThat(ledger.resize(5, 0)).isTrue();
        assertThat(ledger.available()).isZero();
        assertThat(ledger.take(1, 2, NOW)).isNull();
        ledger.giveBack(new int[] {10}, 0, 0);
        assertThat(ledger.available()).isEqualTo(1);
        assertThat(ledger.take(1, 3, NOW)).as("the freed slot 10 is above the capacity: 5 instead").containsExactly(5);
        assertThat(ledger.take(1, 4, NOW)).isNull();
        assertThat(ledger.resize(8, 0)).isTrue();
        assertThat(ledger.take(3, 5, NOW)).containsExactly(6, 7, 8);
        assertThat(ledger.take(1, 6, NOW)).isNull();
    }

    @Test
    void aCapacityFromAnOlderVersionOfTheRowNeverReplacesALaterOne() {
        SlotLedger ledger = new SlotLedger(100, 4, Set.of(), 0);
        assertThat(ledger.resize(10, 5)).as("staff lowered it: row version 5").isTrue();
        ledger.reconcile(100, 4, Set.of(), 0, NOW);            // a pass that read the row before the change
        assertThat(ledger.available()).isEqualTo(10);
        assertThat(ledger.resize(100, 4)).as("a late resize of an older version is ignored").isTrue();
        assertThat(ledger.available()).isEqualTo(10);
        ledger.reconcile(12, 6, Set.of(), 0, NOW);             // a later committed change is taken
        assertThat(ledger.available()).isEqualTo(12);
        assertThat(ledger.take(12, 1, NOW)).hasSize(12);
        assertThat(ledger.resize(11, 7)).as("below what is taken, whatever the version").isFalse();
        assertThat(ledger.available()).isZero();
    }

    @Test
    void ticketsWithoutSlotNumbersCountAgainstCapacity() {
        SlotLedger ledger = new SlotLedger(4, 0, Set.of(), 3);
        assertThat(ledger.available()).isEqualTo(1);
        assertThat(ledger.take(2, 1, NOW)).isNull();
        int[] one = ledger.take(1, 1, NOW);
        assertThat(one).containsExactly(1);
        ledger.giveBack(new int[0], 9, 2);
        assertThat(ledger.available()).isEqualTo(2);
    }

    @Test
    void givingBackFreesOnlyTheHoldersOwnPendingSlots() {
        SlotLedger ledger = new SlotLedger(3, 0, Set.of(), 0);
        int[] mine = ledger.take(1, 7, NOW);
        assertThat(ledger.giveBack(mine, 8, 0)).as("another hold's token frees nothing").isZero();
        assertThat(ledger.isTaken(mine[0])).isTrue();
        assertThat(ledger.giveBack(mine, 7, 0)).isEqualTo(1);
        assertThat(ledger.available()).isEqualTo(3);
        assertThat(ledger.giveBack(mine, 7, 0)).as("twice is harmless").isZero();
    }

    @Test
    void reconciliationFreesLeakedSlotsButNotOnesStillInFlight() {
        SlotLedger ledger = new SlotLedger(10, 0, Set.of(), 0);
        int[] committed = ledger.take(2, 1, NOW);      // slots 1, 2: their hold reached the database
        int[] leaked = ledger.take(2, 2, NOW);         // slots 3, 4: the node died before its commit
        int[] inFlight = ledger.take(1, 3, NOW + 500); // slot 5: still on its way
        Set<Integer> db = new HashSet<>(Set.of(committed[0], committed[1], 9)); // 9: in the database only
        SlotLedger.Drift drift = ledger.reconcile(10, 0, db, 0, NOW + 100);
        assertThat(drift.freed()).isEqualTo(2);
        assertThat(drift.added()).isEqualTo(1);
        assertThat(ledger.isTaken(leaked[0])).isFalse();
        assertThat(ledger.isTaken(leaked[1])).isFalse();
        assertThat(ledger.isTaken(inFlight[0])).isTrue();
        assertThat(ledger.isTaken(9)).isTrue();
        assertThat(ledger.available()).isEqualTo(10 - 4);
        assertThat(ledger.pendingCount()).as("confirmed slots are no longer pending").isEqualTo(1);
    }

    @Test
    void aLateGiveBackCannotFreeASlotThatWentToSomeoneElse() {
        SlotLedger ledger = new SlotLedger(1, 0, Set.of(), 0);
        int[] first = ledger.take(1, 1, NOW);
        ledger.reconcile(1, 0, Set.of(first[0]), 0, NOW - 1);          // confirmed in the database
        ledger.reconcile(1, 0, Set.of(), 0, NOW + 10);                 // released in the database, give-back not arrived yet
        int[] second = ledger.take(1, 2, NOW + 20);                 // the slot goes to the next buyer
        assertThat(second).containsExactly(first[0]);
        ledger.giveBack(first, 1, 0);                               // the first hold's late give-back
        assertThat(ledger.isTaken(first[0])).as("still the second buyer's").isTrue();
        assertThat(ledger.available()).isZero();
    }
}
