package io.ticketing.platform.application;

import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.HoldStatus;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.infrastructure.persistence.TenantJdbc;
import io.ticketing.platform.infrastructure.stock.HeldTicket;
import io.ticketing.platform.infrastructure.stock.HoldStore;
import io.ticketing.platform.infrastructure.stock.SellableType;
import io.ticketing.platform.infrastructure.stock.SlotLedger;
import io.ticketing.platform.infrastructure.stock.StockEngine;
import io.ticketing.platform.infrastructure.tenancy.PlatformDataException;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHECK_VIOLATION = "23514";

    @Inject
    TenantJdbc jdbc;

    @Inject
    StockEngine stock;

    /** Upper bound on a hold's way from taking slots to its commit; younger slots are never reclaimed. */
    @Inject
    @ConfigProperty(name = "ticketing.stock.in-flight-grace-seconds", defaultValue = "120")
    int inFlightGraceSeconds;

    public Hold place(String buyer, List<HoldLine> requested) {
        List<HoldLine> lines = merge(requested);
        for (int attempt = 1; ; attempt++) {
            try {
                return placeOnce(buyer, lines);
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

    private Hold placeOnce(String buyer, List<HoldLine> lines) {
        UUID holdId = UUID.randomUUID();
        long[] typeIds = lines.stream().mapToLong(HoldLine::ticketTypeId).toArray();
        StockEngine.Allocation[] taken = new StockEngine.Allocation[1];
        try {
            return jdbc.inTransaction(c -> {
                Map<Long, SellableType> types = HoldStore.sellableTypes(c, typeIds);
                checkSellable(lines, types);
                if (lines.stream().anyMatch(l -> types.get(l.ticketTypeId()).maxPerBuyer() != null)) {
                    checkBuyerLimits(c, buyer, lines, types);
                }
                int holdMinutes = lines.stream().mapToInt(l -> types.get(l.ticketTypeId()).holdMinutes()).min().orElseThrow();
                taken[0] = stock.take(c, holdId, lines, types);
                List<HeldTicket> tickets = taken[0].tickets();
                for (HeldTicket t : tickets) {
                    if (t.slot() != null && t.slot() > types.get(t.ticketTypeId()).capacity()) {
                        throw new SlotTakenTwice(List.of(t.ticketTypeId()), null);
                    }
                }
                return HoldStore.insert(c, holdId, buyer, holdMinutes, lines, tickets);
            });
        } catch (SQLException e) {
            undo(taken[0]);
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new SlotTakenTwice(java.util.Arrays.stream(typeIds).boxed().toList(), e);
            }
            if (CHECK_VIOLATION.equals(e.getSQLState())) {
                // the taken-counter's CHECK caught what the strategy let through: still sold out
                HoldLine first = lines.get(0);
                throw new SoldOutException(first.ticketTypeId(), "ticket type " + first.ticketTypeId(), 0);
            }
            throw new PlatformDataException("The hold could not be stored", e);
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
                throw new HoldLimitException("quantity", "At most " + type.maxPerOrder() + " of '" + type.name()
                        + "' per order");
            }
        }
    }

    private void checkBuyerLimits(java.sql.Connection c, String buyer, List<HoldLine> lines,
                                  Map<Long, SellableType> types) throws SQLException {
        // One buyer's holds one at a time (on every node), so the limit is counted without races.
        TenantJdbc.lockUntilCommit(c, "hold-buyer:" + buyer);
        Map<Long, Integer> owned = HoldStore.ticketsOfBuyer(c, buyer, lines.stream().mapToLong(HoldLine::ticketTypeId).toArray());
        for (HoldLine line : lines) {
            SellableType type = types.get(line.ticketTypeId());
            int already = owned.getOrDefault(type.id(), 0);
            if (type.maxPerBuyer() != null && already + line.quantity() > type.maxPerBuyer()) {
                throw new HoldLimitException("quantity", "At most " + type.maxPerBuyer() + " of '" + type.name()
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
        try {
            return jdbc.inTransaction(c -> HoldStore.find(c, holdId, buyer))
                    .orElseThrow(() -> new CatalogNotFoundException("No hold " + holdId + " of yours in this shop"));
        } catch (SQLException e) {
            throw new PlatformDataException("The hold could not be read", e);
        }
    }

    /** Ends an active hold early and returns its tickets at once. */
    public void release(String buyer, UUID holdId) {
        endAndGiveBack(holdId, c -> {
            if (!HoldStore.release(c, holdId, buyer)) {
                Hold hold = HoldStore.find(c, holdId, buyer)
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
        endAndGiveBack(holdId, c -> HoldStore.releaseAny(c, holdId));
    }

    /** Ends the hold with {@code end} (true: it ended now) and gives its tickets back, in the database and then the shared stock. */
    private void endAndGiveBack(UUID holdId, TenantJdbc.Work<Boolean> end) {
        List<HeldTicket> returned;
        try {
            returned = jdbc.inTransaction(c -> {
                if (!end.run(c)) {
                    return List.<HeldTicket>of();
                }
                List<HeldTicket> tickets = HoldStore.deleteTickets(c, List.of(holdId));
                stock.giveBackInTransaction(c, tickets);
                return tickets;
            });
        } catch (SQLException e) {
            throw new PlatformDataException("The hold could not be released", e);
        }
        stock.giveBackAfterCommit(returned);
    }

    /** Expires up to {@code limit} due holds of the current tenant; safe to run on every node at once. */
    public int expireDue(int limit) {
        List<HeldTicket> returned;
        int[] expired = new int[1];
        try {
            returned = jdbc.inTransaction(c -> {
                List<UUID> ids = HoldStore.expireDue(c, limit);
                expired[0] = ids.size();
                List<HeldTicket> tickets = HoldStore.deleteTickets(c, ids);
                stock.giveBackInTransaction(c, tickets);
                return tickets;
            });
        } catch (SQLException e) {
            throw new PlatformDataException("Due holds could not be expired", e);
        }
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
        try {
            List<Long> due = jdbc.inTransaction(c -> HoldStore.claimDueChecks(c, limit, intervalSeconds));
            for (long typeId : due) {
                long readAt = System.currentTimeMillis();
                var stored = jdbc.inTransaction(c -> HoldStore.storedStock(c, typeId));
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
        } catch (SQLException e) {
            throw new PlatformDataException("Stock could not be reconciled", e);
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
        try {
            jdbc.inTransaction(c -> {
                HoldStore.recountTaken(c);
                return null;
            });
        } catch (SQLException e) {
            throw new PlatformDataException("Taken-counters could not be recounted", e);
        }
    }

    /** Tickets left per ticket type: the shared ledger where loaded, else capacity minus the rows. */
    public Map<Long, Integer> available(Map<Long, Integer> capacities) {
        Collection<Long> ids = capacities.keySet();
        Map<Long, Integer> left = new HashMap<>(stock.availableFromLedgers(ids));
        long[] missing = ids.stream().filter(id -> !left.containsKey(id)).mapToLong(Long::longValue).toArray();
        if (missing.length > 0) {
            try {
                Map<Long, Integer> taken = jdbc.inTransaction(c -> HoldStore.takenCounts(c, missing));
                for (long id : missing) {
                    left.put(id, Math.max(0, capacities.get(id) - taken.getOrDefault(id, 0)));
                }
            } catch (SQLException e) {
                throw new PlatformDataException("Availability could not be read", e);
            }
        }
        return left;
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
