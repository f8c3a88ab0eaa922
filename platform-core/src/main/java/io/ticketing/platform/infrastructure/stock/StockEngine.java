package io.ticketing.platform.infrastructure.stock;

import io.ticketing.platform.domain.stock.SellableType;
import io.ticketing.platform.domain.stock.HeldTicket;
import io.ticketing.platform.domain.stock.HoldRepository;
import io.ticketing.platform.domain.stock.StockCounters;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.domain.stock.StockBusyException;
import io.ticketing.platform.domain.stock.StockStrategy;
import io.ticketing.platform.infrastructure.tenancy.TenantGridNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes and gives back tickets under the configured {@link StockStrategy}. Called by the hold
 * service inside its database transaction: whatever this hands out is written as hold_slot rows in
 * that same transaction, where PostgreSQL's unique index on (ticket type, slot), or the CHECK on the
 * taken-counter, has the last word.
 *
 * <p>The shared ledgers live in one Hazelcast map per tenant, {@code tenant.<id>.stock}, keyed by
 * ticket type id: a tenant's code can only name its own map ({@link TenantGridNames}).
 */
@ApplicationScoped
public class StockEngine {

    private static final Logger LOG = Logger.getLogger(StockEngine.class.getName());
    private static final String PURPOSE = "stock";
    /** How many times the optimistic strategy re-reads a moved version before giving up. */
    static final int OPTIMISTIC_ATTEMPTS = 8;

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance hazelcast;

    @Inject
    HoldRepository holds;

    @Inject
    StockCounters counters;

    @Inject
    @ConfigProperty(name = "ticketing.stock.strategy", defaultValue = "SLOTS")
    private StockStrategy strategy;

    @PostConstruct
    void configureLedgerMaps() {
        // Ledgers are changed in place by entry processors: keep them as objects, one backup on another member.
        try {
            hazelcast.getConfig().addMapConfig(new MapConfig(TenantGridNames.everyTenant(PURPOSE))
                    .setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1).setAsyncBackupCount(0));
        } catch (RuntimeException alreadyThere) {
            LOG.fine(() -> "ledger map configuration already present: " + alreadyThere);
        }
        LOG.info("Stock strategy: " + strategy);
    }

    public StockStrategy strategy() {
        return strategy;
    }

    /** Tickets taken for one hold, per ticket type; slot arrays are empty under the database-only strategies. */
    public final class Allocation {
        private final UUID holdId;
        private final Map<Long, int[]> slots = new LinkedHashMap<>();
        private final Map<Long, Integer> quantities = new LinkedHashMap<>();

        Allocation(UUID holdId) {
            this.holdId = holdId;
        }

        public List<HeldTicket> tickets() {
            List<HeldTicket> tickets = new ArrayList<>();
            quantities.forEach((type, quantity) -> {
                int[] numbers = slots.get(type);
                for (int i = 0; i < quantity; i++) {
                    tickets.add(new HeldTicket(holdId, type, numbers == null ? null : numbers[i]));
                }
            });
            return tickets;
        }

        /** Gives the shared slots back after a failed transaction (the database undoes its own part). */
        public void undo() {
            slots.forEach((type, numbers) -> ledgers().executeOnKey(type, new LedgerProcessors.GiveBack(numbers, HeldTicket.token(holdId), 0)));
            slots.clear();
        }
    }

    /** Takes every line or none: throws {@link SoldOutException} (or {@link StockBusyException}) having taken nothing. */
    public Allocation take(UUID holdId, List<HoldLine> lines, Map<Long, SellableType> types) {
        Allocation allocation = new Allocation(holdId);
        try {
            for (HoldLine line : lines) {
                SellableType type = types.get(line.ticketTypeId());
                switch (strategy) {
                    case SLOTS -> allocation.slots.put(type.id(), takeSlots(type, line.quantity(), holdId));
                    case MAP_LOCK -> allocation.slots.put(type.id(), takeSlotsUnderLock(type, line.quantity(), holdId));
                    case OPTIMISTIC_DB -> takeOptimistically(type, line.quantity());
                    case PESSIMISTIC_DB -> takeUnderRowLock(type, line.quantity());
                }
                allocation.quantities.put(type.id(), line.quantity());
            }
            return allocation;
        } catch (RuntimeException e) {
            allocation.undo();
            throw e;
        }
    }

    /** The database part of giving tickets back, inside the transaction that deleted their rows. */
    public void giveBackInTransaction(List<HeldTicket> tickets) {
        if (strategy.numbersSlots()) {
            return;
        }
        Map<Long, Integer> perType = new HashMap<>();
        tickets.forEach(t -> perType.merge(t.ticketTypeId(), 1, Integer::sum));
        counters.subtract(perType);
    }

    /**
     * The shared part of giving tickets back, after the rows are gone for good. If this node dies
     * before it runs, the reconciliation finds the slots free in the database and frees them.
     */
    public void giveBackAfterCommit(List<HeldTicket> tickets) {
        if (!strategy.numbersSlots()) {
            return;
        }
        Map<UUID, Map<Long, List<HeldTicket>>> byHoldAndType = new HashMap<>();
        tickets.forEach(t -> byHoldAndType.computeIfAbsent(t.holdId(), h -> new HashMap<>())
                .computeIfAbsent(t.ticketTypeId(), k -> new ArrayList<>()).add(t));
        IMap<Long, SlotLedger> ledgers = ledgers();
        byHoldAndType.forEach((hold, types) -> types.forEach((type, rows) -> {
            int[] numbered = rows.stream().filter(r -> r.slot() != null).mapToInt(HeldTicket::slot).toArray();
            int unnumbered = (int) rows.stream().filter(r -> r.slot() == null).count();
            ledgers.executeOnKey(type, new LedgerProcessors.GiveBack(numbered, HeldTicket.token(hold), unnumbered));
        }));
    }

    /** Tickets left per ticket type, as far as the shared ledgers know; types without a loaded ledger are absent. */
    public Map<Long, Integer> availableFromLedgers(Collection<Long> typeIds) {
        if (!strategy.numbersSlots() || typeIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> found = new HashMap<>();
        try {
            ledgers().executeOnKeys(Set.copyOf(typeIds), new LedgerProcessors.Available()).forEach((k, v) -> {
                if (v != null) {
                    found.put(k, v);
                }
            });
        } catch (com.hazelcast.nio.serialization.HazelcastSerializationException unreadable) {
            // Payara's now-and-then unreadable operation (see execute): this read only saves work, so the take decides.
            LOG.warning("Ledger read could not be read by its owner; the take decides: " + unreadable.getMessage());
            return Map.of();
        }
        return found;
    }

    /**
     * Builds and installs the ledgers of these ticket types that no node has loaded yet, from their rows (read FOR
     * SHARE, so inside a transaction), as a take would; a ticket type gone meanwhile is skipped. For reads: the first
     * view of a ticket type loads its ledger, and the views after it find it in the grid instead of counting rows.
     */
    public void loadLedgers(Collection<Long> typeIds) {
        if (!strategy.numbersSlots()) {
            return;
        }
        IMap<Long, SlotLedger> ledgers = ledgers();
        for (long typeId : typeIds) {
            holds.storedStock(typeId).ifPresent(stored -> execute(ledgers, typeId, new LedgerProcessors.Install(
                    new SlotLedger(stored.capacity(), stored.version(), stored.slots(), stored.unnumbered()))));
        }
    }

    /**
     * After a committed capacity change (or a rolled back lowering): gives a ticket type's shared
     * ledger the capacity of ticket type row version {@code version}. A raise is only given after the
     * commit, so no slot above the old capacity is handed out before the database allows it. Nothing to
     * do when no ledger is loaded (the next take builds it from the committed row) or under the
     * database-only strategies (the CHECK on the taken-counter guards the capacity).
     */
    public void resize(long ticketTypeId, int capacity, long version) {
        if (strategy.numbersSlots()) {
            execute(ledgers(), ticketTypeId, new LedgerProcessors.Resize(capacity, version));
        }
    }

    /**
     * Before the commit of a lower capacity, inside its transaction (which holds the ticket type row
     * and has flushed the new number): from this moment no take on any node passes {@code capacity}.
     * Returns -1 when done, else how many tickets the ledger counts as taken, more than {@code capacity}
     * (pending slots of holds still on their way to the database included; nothing changed then).
     * A missing ledger is built here from this transaction's view of the row, so a build another node
     * read before this change cannot be installed afterwards with the old number.
     */
    public int lowerBeforeCommit(long ticketTypeId, int capacity, long version) {
        if (!strategy.numbersSlots()) {
            return -1;
        }
        IMap<Long, SlotLedger> ledgers = ledgers();
        for (int attempt = 0; attempt < 3; attempt++) {
            LedgerProcessors.Resized resized = execute(ledgers, ticketTypeId, new LedgerProcessors.Resize(capacity, version));
            if (resized.missing()) {
                load(ticketTypeId);
                continue;
            }
            return resized.done() ? -1 : resized.taken();
        }
        throw new IllegalStateException("The stock of ticket type " + ticketTypeId + " could not be loaded");
    }

    /** Drops a ledger that disagreed with the database; the next take rebuilds it from the rows. */
    public void forget(long ticketTypeId) {
        if (strategy.numbersSlots()) {
            ledgers().delete(ticketTypeId);
        }
    }

    /** Makes a loaded ledger agree with the rows just read; slots handed out after {@code cutoff} are left alone. */
    public SlotLedger.Drift reconcile(long ticketTypeId, HoldRepository.StoredStock stored, long cutoff) {
        return ledgers().executeOnKey(ticketTypeId,
                new LedgerProcessors.Reconcile(stored.capacity(), stored.version(), Set.copyOf(stored.slots()), stored.unnumbered(), cutoff));
    }

    private int[] takeSlots(SellableType type, int quantity, UUID holdId) {
        IMap<Long, SlotLedger> ledgers = ledgers();
        for (int attempt = 0; attempt < 3; attempt++) {
            LedgerProcessors.Taken taken = execute(ledgers, type.id(),
                    new LedgerProcessors.Take(quantity, HeldTicket.token(holdId), System.currentTimeMillis()));
            if (taken.missing()) {
                load(type.id());
                continue;
            }
            if (taken.slots() == null) {
                throw new SoldOutException(type.id(), type.name(), taken.available());
            }
            return taken.slots();
        }
        throw new IllegalStateException("The stock of ticket type " + type.id() + " could not be loaded");
    }

    private int[] takeSlotsUnderLock(SellableType type, int quantity, UUID holdId) {
        IMap<Long, SlotLedger> ledgers = ledgers();
        // Lease: a node that dies holding the lock does not block the ticket type for long.
        ledgers.lock(type.id(), 10, TimeUnit.SECONDS);
        try {
            SlotLedger ledger = ledgers.get(type.id());
            if (ledger == null) {
                ledger = build(type.id());
            }
            int[] slots = ledger.take(quantity, HeldTicket.token(holdId), System.currentTimeMillis());
            if (slots == null) {
                throw new SoldOutException(type.id(), type.name(), ledger.available());
            }
            ledgers.set(type.id(), ledger);
            return slots;
        } finally {
            ledgers.unlock(type.id());
        }
    }

    private void takeOptimistically(SellableType type, int quantity) {
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            StockCounters.Counter counter = counters.read(type.id()).orElseThrow();
            if (counter.left() < quantity) {
                throw new SoldOutException(type.id(), type.name(), counter.left());
            }
            if (counters.addIfUnchanged(type.id(), quantity, counter.version())) {
                return;
            }
        }
        throw new StockBusyException(type.name());
    }

    private void takeUnderRowLock(SellableType type, int quantity) {
        int left = counters.lockAndCountLeft(type.id());
        if (left < quantity) {
            throw new SoldOutException(type.id(), type.name(), left);
        }
        counters.add(type.id(), quantity);
    }

    /**
     * Runs a processor, once more if the owning member could not read it: Payara's serializer now and
     * then fails to find the application's class loader for an incoming operation
     * (ClassNotFoundException while reading it; seen about 3 in 1,000 under load in bench/). The
     * operation was then never run, so sending it again takes nothing twice; and were it ever the
     * answer that failed, the slots would stay pending and the reconciliation would free them.
     */
    private static <R> R execute(IMap<Long, SlotLedger> ledgers, long key,
                                 com.hazelcast.map.EntryProcessor<Long, SlotLedger, R> processor) {
        try {
            return ledgers.executeOnKey(key, processor);
        } catch (com.hazelcast.nio.serialization.HazelcastSerializationException unreadable) {
            LOG.warning("Stock operation could not be read by its owner; sending it again: " + unreadable.getMessage());
            return ledgers.executeOnKey(key, processor);
        }
    }

    /** Builds the ledger from the rows and installs it, unless another node already did. */
    private void load(long ticketTypeId) {
        execute(ledgers(), ticketTypeId, new LedgerProcessors.Install(build(ticketTypeId)));
    }

    private SlotLedger build(long ticketTypeId) {
        HoldRepository.StoredStock stored = holds.storedStock(ticketTypeId)
                .orElseThrow(() -> new IllegalStateException("ticket type " + ticketTypeId + " vanished"));
        return new SlotLedger(stored.capacity(), stored.version(), stored.slots(), stored.unnumbered());
    }

    private IMap<Long, SlotLedger> ledgers() {
        return hazelcast.getMap(TenantGridNames.current(PURPOSE));
    }
}
