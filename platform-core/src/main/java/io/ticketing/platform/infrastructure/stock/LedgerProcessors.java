package io.ticketing.platform.infrastructure.stock;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * The only ways a {@link SlotLedger} changes. Each runs on the member that owns the ticket type's
 * partition, one at a time per key, and again on the backup with the same arguments (they are
 * deterministic: the time comes in as an argument), so the backup stays identical.
 */
final class LedgerProcessors {

    private LedgerProcessors() {
    }

    /** What a take found: the slots, or how many were left; {@code missing} when no ledger is loaded. */
    record Taken(int[] slots, int available, boolean missing) implements Serializable {
    }

    static final class Take implements EntryProcessor<Long, SlotLedger, Taken> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int quantity;
        private final long token;
        private final long now;

        Take(int quantity, long token, long now) {
            this.quantity = quantity;
            this.token = token;
            this.now = now;
        }

        @Override
        public Taken process(Map.Entry<Long, SlotLedger> entry) {
            SlotLedger ledger = entry.getValue();
            if (ledger == null) {
                return new Taken(null, 0, true);
            }
            int[] slots = ledger.take(quantity, token, now);
            if (slots != null) {
                entry.setValue(ledger);
            }
            return new Taken(slots, ledger.available(), false);
        }
    }

    static final class GiveBack implements EntryProcessor<Long, SlotLedger, Integer> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int[] slots;
        private final long token;
        private final int unnumbered;

        GiveBack(int[] slots, long token, int unnumbered) {
            this.slots = slots;
            this.token = token;
            this.unnumbered = unnumbered;
        }

        @Override
        public Integer process(Map.Entry<Long, SlotLedger> entry) {
            SlotLedger ledger = entry.getValue();
            if (ledger == null) {
                return 0; // not loaded: it will be built from the database, which no longer has these
            }
            int freed = ledger.giveBack(slots, token, unnumbered);
            entry.setValue(ledger);
            return freed;
        }
    }

    /** Puts a ledger built from the database in place, unless another node was quicker. */
    static final class Install implements EntryProcessor<Long, SlotLedger, Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final SlotLedger ledger;

        Install(SlotLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Boolean process(Map.Entry<Long, SlotLedger> entry) {
            if (entry.getValue() != null) {
                return false;
            }
            entry.setValue(ledger);
            return true;
        }
    }

    static final class Reconcile implements EntryProcessor<Long, SlotLedger, SlotLedger.Drift> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int capacity;
        private final long capacityVersion;
        private final Set<Integer> dbSlots;
        private final int dbUnnumbered;
        private final long cutoff;

        Reconcile(int capacity, long capacityVersion, Set<Integer> dbSlots, int dbUnnumbered, long cutoff) {
            this.capacity = capacity;
            this.capacityVersion = capacityVersion;
            this.dbSlots = dbSlots;
            this.dbUnnumbered = dbUnnumbered;
            this.cutoff = cutoff;
        }

        @Override
        public SlotLedger.Drift process(Map.Entry<Long, SlotLedger> entry) {
            SlotLedger ledger = entry.getValue();
            if (ledger == null) {
                return new SlotLedger.Drift(0, 0);
            }
            SlotLedger.Drift drift = ledger.reconcile(capacity, capacityVersion, dbSlots, dbUnnumbered, cutoff);
            entry.setValue(ledger);
            return drift;
        }
    }

    /** What a resize found: done, or refused with how many are taken; {@code missing} when no ledger is loaded. */
    record Resized(boolean done, int taken, boolean missing) implements Serializable {
    }

    /** Sets the capacity a ticket type was given, unless more than that are taken (see {@link SlotLedger#resize}). */
    static final class Resize implements EntryProcessor<Long, SlotLedger, Resized> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final int capacity;
        private final long version;

        Resize(int capacity, long version) {
            this.capacity = capacity;
            this.version = version;
        }

        @Override
        public Resized process(Map.Entry<Long, SlotLedger> entry) {
            SlotLedger ledger = entry.getValue();
            if (ledger == null) {
                return new Resized(false, 0, true);
            }
            boolean done = ledger.resize(capacity, version);
            if (done) {
                entry.setValue(ledger);
            }
            return new Resized(done, ledger.takenCount(), false);
        }
    }

    /** How many are left; null when the ledger is not loaded. Runs on the owner only. */
    static final class Available implements EntryProcessor<Long, SlotLedger, Integer>, ReadOnly {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<Long, SlotLedger> entry) {
            SlotLedger ledger = entry.getValue();
            return ledger == null ? null : ledger.available();
        }

        @Override
        public EntryProcessor<Long, SlotLedger, Integer> getBackupProcessor() {
            return null;
        }
    }
}
