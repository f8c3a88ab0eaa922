package io.ticketing.platform.infrastructure.stock;

import java.io.Serial;
import java.io.Serializable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared picture of one ticket type's stock: which numbered slots 1..capacity are taken.
 * It lives in a Hazelcast map entry and is only changed by entry processors on the partition that
 * owns it, one at a time, so two buyers can never be handed the same slot by it.
 *
 * <p>A slot handed out is "pending" (with the hold's token and the time) until a reconciliation
 * pass finds it in the database. That is how slots of a node that died between taking them and
 * committing its hold are found and given back, and why a late give-back of an old hold cannot
 * free a slot that meanwhile went to somebody else.
 *
 * <p>{@code unnumbered} counts tickets held by the database-only strategies (rows without a slot).
 *
 * <p>The capacity carries the ticket type row's version it came from. A capacity read from an older
 * version is ignored: a reconciliation that read the database just before staff lowered the capacity
 * must not put the old, higher number back once the lower one is in place.
 */
public final class SlotLedger implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Who took a slot and when, until the database confirms it. */
    record Pending(long token, long takenAt) implements Serializable {
    }

    private int capacity;
    private long capacityVersion;
    private int unnumbered;
    private final BitSet taken;
    private final Map<Integer, Pending> pending = new HashMap<>();

    public SlotLedger(int capacity, long capacityVersion, Set<Integer> takenSlots, int unnumbered) {
        this.capacity = capacity;
        this.capacityVersion = capacityVersion;
        this.unnumbered = unnumbered;
        this.taken = new BitSet(capacity + 1);
        takenSlots.forEach(taken::set);
    }

    public int available() {
        return Math.max(0, capacity - taken.cardinality() - unnumbered);
    }

    /** The lowest {@code quantity} free slots, now taken; null (and nothing taken) if fewer are free. */
    public int[] take(int quantity, long token, long now) {
        if (quantity < 1 || available() < quantity) {
            return null;
        }
        int[] slots = new int[quantity];
        int slot = 0;
        for (int i = 0; i < quantity; i++) {
            slot = taken.nextClearBit(slot + 1);
            if (slot > capacity) {
                // available() said there is room: only unreachable if unnumbered rows overlap the count
                for (int j = 0; j < i; j++) {
                    taken.clear(slots[j]);
                    pending.remove(slots[j]);
                }
                return null;
            }
            taken.set(slot);
            pending.put(slot, new Pending(token, now));
            slots[i] = slot;
        }
        return slots;
    }

    /**
     * Gives slots back. A slot still pending for another hold (the reconciliation freed it and it
     * went to someone else) is left alone.
     */
    public int giveBack(int[] slots, long token, int unnumberedTickets) {
        int freed = 0;
        for (int slot : slots) {
            Pending p = pending.get(slot);
            if (p != null && p.token() != token) {
                continue;
            }
            if (taken.get(slot)) {
                taken.clear(slot);
                freed++;
            }
            pending.remove(slot);
        }
        unnumbered = Math.max(0, unnumbered - unnumberedTickets);
        return freed;
    }

    /** What a reconciliation pass changed. */
    public record Drift(int freed, int added) implements Serializable {
    }

    /**
     * Makes the ledger agree with the database rows read at some moment: slots the database holds
     * are taken; slots it does not hold are freed, unless they were handed out after
     * {@code cutoff} (a hold still on its way to the database). The capacity read is taken unless the
     * ledger already has one of a later version.
     */
    public Drift reconcile(int dbCapacity, long dbVersion, Set<Integer> dbSlots, int dbUnnumbered, long cutoff) {
        int freed = 0;
        int added = 0;
        for (int slot = taken.nextSetBit(1); slot >= 0; slot = taken.nextSetBit(slot + 1)) {
            if (dbSlots.contains(slot)) {
                pending.remove(slot);
                continue;
            }
            Pending p = pending.get(slot);
            if (p != null && p.takenAt() >= cutoff) {
                continue;
            }
            taken.clear(slot);
            pending.remove(slot);
            freed++;
        }
        for (int slot : dbSlots) {
            if (!taken.get(slot)) {
                taken.set(slot);
                added++;
            }
            pending.remove(slot);
        }
        if (dbVersion >= capacityVersion) {
            capacity = dbCapacity;
            capacityVersion = dbVersion;
        }
        unnumbered = dbUnnumbered;
        return new Drift(freed, added);
    }

    /** Tickets counted against the capacity: numbered slots taken (pending ones too) and unnumbered rows. */
    public int takenCount() {
        return taken.cardinality() + unnumbered;
    }

    /**
     * Sets the capacity of ticket type row version {@code version} unless more tickets than that are
     * taken (pending ones included); false, and nothing changed, then. A version older than the
     * ledger's is ignored (true: a later capacity is already in place). Slots above a lowered capacity
     * that are still taken stay taken: they are counted, and once given back they are not handed out again.
     */
    public boolean resize(int newCapacity, long version) {
        if (version < capacityVersion) {
            return true;
        }
        if (newCapacity < takenCount()) {
            return false;
        }
        capacity = newCapacity;
        capacityVersion = version;
        return true;
    }

    int capacity() {
        return capacity;
    }

    int pendingCount() {
        return pending.size();
    }

    boolean isTaken(int slot) {
        return taken.get(slot);
    }
}
