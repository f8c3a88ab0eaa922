package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.HoldNotExtendableException;
import io.ticketing.platform.domain.stock.HoldStatus;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.domain.stock.HeldTicket;
import io.ticketing.platform.domain.stock.HoldRepository;
import io.ticketing.platform.domain.stock.SellableType;
import io.ticketing.platform.domain.stock.StockCounters;
import io.ticketing.platform.domain.shared.ConstraintViolationException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.infrastructure.cache.CatalogCache;
import io.ticketing.platform.infrastructure.stock.SlotLedger;
import io.ticketing.platform.infrastructure.stock.StockEngine;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Buyers' holds for the current tenant: place (all lines or none), look up, release early, and the
 * periodic work that keeps stock honest (expiry, reconciliation). Never runs in a JTA transaction:
 * each call is one short JDBC transaction, and the shared stock is touched around it.
 */
@ApplicationScoped
public class HoldService {

    private static final Logger LOG = Logger.getLogger(HoldService.class.getName());

    @Inject
    TenantTransactions transactions;

    @Inject
    HoldRepository holds;

    @Inject
    StockCounters counters;

    @Inject
    StockEngine stock;

    /** Upper bound on a hold's way from taking slots to its commit; younger slots are never reclaimed. */
    @Inject
    @ConfigProperty(name = "ticketing.stock.in-flight-grace-seconds", defaultValue = "120")
    int inFlightGraceSeconds;

    @Inject
    CheckoutSettings settings;

    @Inject
    BuyerLimits limits;

    @Inject
    CatalogCache catalog;

    @Inject
    BusinessMetrics metrics;

    /**
     * A buyer's hold, within the anti-scalping limits: holds per minute per buyer and per client
     * address (429), and tickets held at once per buyer and per address (the shop's caps).
     */
    public Hold place(Requester requester, List<HoldLine> requested) {
        try {
            List<HoldLine> lines = merge(requested);
            String clientKey = limits.clientKey(requester);
            limits.countHold(requester, clientKey);
            refuseWhatTheLedgersSayIsGone(lines);
            Hold hold = placeWithRetry(requester.buyer(), clientKey, true, lines);
            metrics.hold(BusinessMetrics.HoldOutcome.PLACED, lines.stream().mapToInt(HoldLine::quantity).sum());
            return hold;
        } catch (RuntimeException refused) {
            metrics.hold(outcome(refused), 0);
            throw refused;
        }
    }

    private static BusinessMetrics.HoldOutcome outcome(RuntimeException refused) {
        if (refused instanceof SoldOutException) {
            return BusinessMetrics.HoldOutcome.SOLD_OUT;
        } else if (refused instanceof HoldLimitException) {
            return BusinessMetrics.HoldOutcome.LIMIT;
        } else if (refused instanceof RateLimitedException) {
            return BusinessMetrics.HoldOutcome.RATE_LIMITED;
        } else if (refused instanceof CatalogNotFoundException || refused instanceof InvalidFieldException) {
            return BusinessMetrics.HoldOutcome.INVALID;
        }
        return BusinessMetrics.HoldOutcome.ERROR;
    }

    /**
     * Once a ticket type is sold out, most holds asking for it are refused: the shared ledger says so in one grid read,
     * before a transaction, a buyer's lock and the limit counts are spent on it (a take would refuse it the same way a
     * moment later). Only loaded ledgers are asked; the name for the answer comes from the catalog cache.
     */
    private void refuseWhatTheLedgersSayIsGone(List<HoldLine> lines) {
        if (!stock.strategy().numbersSlots()) {
            return;
        }
        Map<Long, Integer> left = stock.availableFromLedgers(lines.stream().map(HoldLine::ticketTypeId).toList());
        for (HoldLine line : lines) {
            Integer available = left.get(line.ticketTypeId());
            if (available != null && available < line.quantity()) {
                String name = catalog.get("type-name|" + line.ticketTypeId(), () -> {
                    SellableType type = transactions.inTransaction(() -> holds.sellableTypes(new long[] {line.ticketTypeId()}))
                            .get(line.ticketTypeId());
                    return type == null ? null : type.name();
                });
                if (name != null) {
                    throw new SoldOutException(line.ticketTypeId(), name, available);
                }
            }
        }
    }

    /** A hold the platform places for a buyer (seats taken again for a late payment): no buyer limits apply. */
    public Hold placeFor(String buyer, List<HoldLine> requested) {
        return placeWithRetry(buyer, null, false, merge(requested));
    }

    private Hold placeWithRetry(String buyer, String clientKey, boolean capped, List<HoldLine> lines) {
        for (int attempt = 1; ; attempt++) {
            try {
                return placeOnce(buyer, clientKey, capped, lines);
            } catch (SlotTakenTwice e) {
                // The shared ledger and the rows disagreed; the unique index refused. Rebuild and retry.
                LOG.warning("Shared stock of ticket type(s) " + e.typeIds + " disagreed with the database; rebuilding it");
                e.typeIds.forEach(stock::forget);
                if (attempt == 3) {
                    throw new PlatformDataException("Stock could not be settled; please try again", e);
                }
            }
        }
    }

    private Hold placeOnce(String buyer, String clientKey, boolean capped, List<HoldLine> lines) {
        UUID holdId = UUID.randomUUID();
        long[] typeIds = lines.stream().mapToLong(HoldLine::ticketTypeId).toArray();
        StockEngine.Allocation[] taken = new StockEngine.Allocation[1];
        try {
            return transactions.inTransaction(() -> {
                Map<Long, SellableType> types = holds.sellableTypes(typeIds);
                checkSellable(lines, types);
                if (capped) {
                    checkHeldAtOnce(buyer, clientKey, lines);
                }
                if (lines.stream().anyMatch(l -> types.get(l.ticketTypeId()).maxPerBuyer() != null)) {
                    checkBuyerLimits(buyer, lines, types);
                }
                int holdMinutes = lines.stream().mapToInt(l -> types.get(l.ticketTypeId()).holdMinutes()).min().orElseThrow();
                taken[0] = stock.take(holdId, lines, types);
                List<HeldTicket> tickets = taken[0].tickets();
                for (HeldTicket t : tickets) {
                    if (t.slot() != null && t.slot() > types.get(t.ticketTypeId()).capacity()) {
                        throw new SlotTakenTwice(List.of(t.ticketTypeId()), null);
                    }
                }
                return holds.insert(holdId, buyer, clientKey, holdMinutes, lines, tickets);
            });
        } catch (ConstraintViolationException e) {
            undo(taken[0]);
            if (e.kind() == ConstraintViolationException.Kind.UNIQUE) {
                throw new SlotTakenTwice(java.util.Arrays.stream(typeIds).boxed().toList(), e);
            }
            // the taken-counter's CHECK caught what the strategy let through: still sold out
            HoldLine first = lines.get(0);
            throw new SoldOutException(first.ticketTypeId(), "ticket type " + first.ticketTypeId(), 0);
        } catch (RuntimeException e) {
            undo(taken[0]);
            throw e;
        }
    }

    private void undo(StockEngine.Allocation allocation) {
        if (allocation != null) {
            try {
                allocation.undo();
            } catch (RuntimeException e) {
                // the reconciliation will find these slots free in the database
                LOG.warning("Could not give back slots of a failed hold at once: " + e);
            }
        }
    }

    private static void checkSellable(List<HoldLine> lines, Map<Long, SellableType> types) {
        for (HoldLine line : lines) {
            SellableType type = types.get(line.ticketTypeId());
            if (type == null || !type.onSale()) {
                throw new CatalogNotFoundException("Ticket type " + line.ticketTypeId() + " is not on sale in this shop");
            }
            if (line.quantity() > type.maxPerOrder()) {
                throw new HoldLimitException("quantity", HoldLimitException.Limit.PER_ORDER, type.maxPerOrder(), "At most " + type.maxPerOrder() + " of '" + type.name()
                        + "' per order");
            }
        }
    }

    /**
     * The shop's caps on tickets held at once. A buyer's holds are placed one at a time (on every
     * node), so their cap is exact; an address is counted without a lock (a busy network must not
     * queue the whole sale), so racing holds from one address may pass it by a few, which the
     * per-address rate limit bounds.
     */
    private void checkHeldAtOnce(String buyer, String clientKey, List<HoldLine> lines) {
        CheckoutSettings.HoldCaps caps = limits.effective(settings.holdCaps());
        int asked = lines.stream().mapToInt(HoldLine::quantity).sum();
        transactions.lockUntilCommit("hold-buyer:" + buyer);
        int held = holds.ticketsHeldNow(buyer, null, caps.perBuyer());
        if (held + asked > caps.perBuyer()) {
            throw new HoldLimitException("quantity", HoldLimitException.Limit.HELD_BY_BUYER, caps.perBuyer(), "You can hold at most " + caps.perBuyer()
                    + " tickets at once in this shop" + (held > 0 ? " and already hold " + held
                    + ": pay for or release those first" : ""));
        }
        if (clientKey != null) {
            int fromAddress = holds.ticketsHeldNow(null, clientKey, caps.perAddress());
            if (fromAddress + asked > caps.perAddress()) {
                throw new HoldLimitException("quantity", HoldLimitException.Limit.HELD_FROM_NETWORK, caps.perAddress(), "Too many tickets are held from your network right now (at most "
                        + caps.perAddress() + " at once): try again once some are paid for or released");
            }
        }
    }

    private void checkBuyerLimits(String buyer, List<HoldLine> lines, Map<Long, SellableType> types) {
        // One buyer's holds one at a time (on every node), so the limit is counted without races.
        transactions.lockUntilCommit("hold-buyer:" + buyer);
        Map<Long, Integer> owned = holds.ticketsOfBuyer(buyer, lines.stream().mapToLong(HoldLine::ticketTypeId).toArray());
        for (HoldLine line : lines) {
            SellableType type = types.get(line.ticketTypeId());
            int already = owned.getOrDefault(type.id(), 0);
            if (type.maxPerBuyer() != null && already + line.quantity() > type.maxPerBuyer()) {
                throw new HoldLimitException("quantity", HoldLimitException.Limit.PER_BUYER, type.maxPerBuyer(), "At most " + type.maxPerBuyer() + " of '" + type.name()
                        + "' per buyer; you already have " + already);
            }
        }
    }

    /** One line per ticket type, quantities added up; quantities must be 1 or more. */
    static List<HoldLine> merge(List<HoldLine> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidFieldException("items", "Say which tickets to hold: ticketTypeId and quantity");
        }
        Map<Long, Integer> merged = new LinkedHashMap<>();
        for (HoldLine line : requested) {
            if (line.quantity() < 1) {
                throw new InvalidFieldException("quantity", "quantity must be 1 or more");
            }
            merged.merge(line.ticketTypeId(), line.quantity(), Integer::sum);
        }
        List<HoldLine> lines = new ArrayList<>();
        // Taken in id order, so two multi-type holds never wait on each other in opposite orders.
        merged.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(new HoldLine(e.getKey(), e.getValue())));
        return lines;
    }

    public Hold find(String buyer, UUID holdId) {
        return transactions.inTransaction(() -> holds.find(holdId, buyer))
                .orElseThrow(() -> new CatalogNotFoundException("No hold " + holdId + " of yours in this shop"));
    }

    /**
     * Gives the buyer's hold its time once more (as long as its ticket types hold tickets), once, and
     * only while no ticket type of it is sold out: then others are waiting for the seats it keeps.
     * Returns the hold with its new end.
     */
    public Hold extend(String buyer, UUID holdId) {
        Hold hold = find(buyer, holdId);
        if (!hold.liveAt(java.time.Instant.now())) {
            throw new HoldNotExtendableException(HoldNotExtendableException.Reason.ENDED);
        }
        if (hold.extended()) {
            throw new HoldNotExtendableException(HoldNotExtendableException.Reason.ALREADY_EXTENDED);
        }
        long[] typeIds = hold.lines().stream().mapToLong(HoldLine::ticketTypeId).toArray();
        Map<Long, SellableType> types = transactions.inTransaction(() -> holds.sellableTypes(typeIds));
        Map<Long, Integer> capacities = new HashMap<>();
        types.values().forEach(t -> capacities.put(t.id(), t.capacity()));
        if (available(capacities).values().stream().anyMatch(left -> left == 0)) {
            throw new HoldNotExtendableException(HoldNotExtendableException.Reason.OTHERS_WAITING);
        }
        int minutes = types.values().stream().mapToInt(SellableType::holdMinutes).min().orElse(1);
        transactions.inTransaction(() -> holds.extend(holdId, buyer, minutes))
                .orElseThrow(() -> new HoldNotExtendableException(HoldNotExtendableException.Reason.ENDED));
        return find(buyer, holdId);
    }

    /** Ends an active hold early and returns its tickets at once. */
    public void release(String buyer, UUID holdId) {
        endAndGiveBack(holdId, () -> {
            if (!holds.release(holdId, buyer)) {
                Hold hold = holds.find(holdId, buyer)
                        .orElseThrow(() -> new CatalogNotFoundException("No hold " + holdId + " of yours in this shop"));
                if (hold.status() == HoldStatus.ACTIVE) {
                    throw new CatalogConflictException("This hold is being paid for in an open order; cancel the payment instead");
                }
                throw new HoldEndedException(hold.status());
            }
            return true;
        });
    }

    /** Ends a hold on the shop's behalf (its order was cancelled); one that has already ended is left as it is. */
    public void releaseFor(UUID holdId) {
        endAndGiveBack(holdId, () -> holds.releaseAny(holdId));
    }

    /** Ends the hold with {@code end} (true: it ended now) and gives its tickets back, in the database and then the shared stock. */
    private void endAndGiveBack(UUID holdId, BooleanSupplier end) {
        List<HeldTicket> returned = transactions.inTransaction(() -> {
            if (!end.getAsBoolean()) {
                return List.<HeldTicket>of();
            }
            List<HeldTicket> tickets = holds.deleteTickets(List.of(holdId));
            stock.giveBackInTransaction(tickets);
            return tickets;
        });
        stock.giveBackAfterCommit(returned);
    }

    /** Expires up to {@code limit} due holds of the current tenant; safe to run on every node at once. */
    public int expireDue(int limit) {
        int[] expired = new int[1];
        List<HeldTicket> returned = transactions.inTransaction(() -> {
            List<UUID> ids = holds.expireDue(limit);
            expired[0] = ids.size();
            List<HeldTicket> tickets = holds.deleteTickets(ids);
            stock.giveBackInTransaction(tickets);
            return tickets;
        });
        stock.giveBackAfterCommit(returned);
        return expired[0];
    }

    /**
     * Compares the shared ledgers of up to {@code limit} due ticket types with the rows, each type
     * claimed by one node at a time; returns how many slots were freed or added.
     */
    public SlotLedger.Drift reconcileDue(int limit, int intervalSeconds) {
        if (!stock.strategy().numbersSlots()) {
            return new SlotLedger.Drift(0, 0);
        }
        int freed = 0;
        int added = 0;
        List<Long> due = transactions.inTransaction(() -> holds.claimDueChecks(limit, intervalSeconds));
        for (long typeId : due) {
            long readAt = System.currentTimeMillis();
            var stored = transactions.inTransaction(() -> holds.storedStock(typeId));
            if (stored.isEmpty()) {
                continue;
            }
            SlotLedger.Drift drift = stock.reconcile(typeId, stored.get(), readAt - inFlightGraceSeconds * 1000L);
            if (drift.freed() + drift.added() > 0) {
                LOG.warning("Stock of ticket type " + typeId + " of " + TenantContext.require().slug().value()
                        + " reconciled: " + drift.freed() + " leaked slot(s) freed, " + drift.added() + " added");
            }
            freed += drift.freed();
            added += drift.added();
        }
        return new SlotLedger.Drift(freed, added);
    }

    /**
     * At start-up under a database-only strategy: the taken-counters are set from the rows, since
     * another strategy may have sold before (it does not keep them).
     */
    public void recountTakenCounters() {
        if (stock.strategy().numbersSlots()) {
            return;
        }
        transactions.run(counters::recountTaken);
    }

    /**
     * Tickets left per ticket type: the shared ledger, loaded by the first view that finds none (so that views before
     * an on-sale opens do not count rows every time), else capacity minus the rows.
     */
    public Map<Long, Integer> available(Map<Long, Integer> capacities) {
        Collection<Long> ids = capacities.keySet();
        Map<Long, Integer> left = new HashMap<>(stock.availableFromLedgers(ids));
        List<Long> unloaded = ids.stream().filter(id -> !left.containsKey(id)).toList();
        if (!unloaded.isEmpty() && stock.strategy().numbersSlots()) {
            try {
                transactions.run(() -> stock.loadLedgers(unloaded));
                left.putAll(stock.availableFromLedgers(unloaded));
            } catch (RuntimeException gridOrDatabase) {
                LOG.fine(() -> "stock ledgers not loaded for a view, counting rows: " + gridOrDatabase);
            }
        }
        long[] missing = ids.stream().filter(id -> !left.containsKey(id)).mapToLong(Long::longValue).toArray();
        if (missing.length > 0) {
            Map<Long, Integer> taken = transactions.inTransaction(() -> holds.takenCounts(missing));
            for (long id : missing) {
                left.put(id, Math.max(0, capacities.get(id) - taken.getOrDefault(id, 0)));
            }
        }
        return left;
    }

    /** One ticket type's stock as staff see it: sold (paid orders), held (open holds) and left to sell. */
    public record TypeStock(int sold, int held, int available) {
        public static final TypeStock NONE = new TypeStock(0, 0, 0);
    }

    /**
     * Sold, held and available per ticket type, for the back office: one database read of the rows
     * and one read of the shared ledgers ({@link #available}, as the shop shows it) for all of them.
     */
    public Map<Long, TypeStock> stockOf(Map<Long, Integer> capacities) {
        if (capacities.isEmpty()) {
            return Map.of();
        }
        long[] ids = capacities.keySet().stream().mapToLong(Long::longValue).toArray();
        Map<Long, HoldRepository.Taken> taken = transactions.inTransaction(() -> holds.soldAndHeld(ids));
        Map<Long, Integer> left = available(capacities);
        Map<Long, TypeStock> stock = new HashMap<>();
        capacities.keySet().forEach(id -> {
            HoldRepository.Taken t = taken.getOrDefault(id, new HoldRepository.Taken(0, 0));
            stock.put(id, new TypeStock(t.sold(), t.held(), left.getOrDefault(id, 0)));
        });
        return stock;
    }

    /** The unique index refused a slot: the shared ledger of these ticket types is out of date. */
    private static final class SlotTakenTwice extends RuntimeException {
        private final List<Long> typeIds;

        SlotTakenTwice(List<Long> typeIds, Throwable cause) {
            super("slot taken twice", cause);
            this.typeIds = typeIds;
        }
    }
}
