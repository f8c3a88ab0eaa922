package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.EventCancellations;
import io.ticketing.platform.domain.catalog.EventStatus;
import io.ticketing.platform.domain.order.IllegalOrderTransitionException;
import io.ticketing.platform.domain.order.RefundRepository;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cancelling an event, which is final: its unpaid orders are cancelled, baskets holding its tickets released, and,
 * if the organizer chose so, every paid order refunded through its provider. The refunds are a durable run of one
 * row per order, worked off in batches by whichever node's housekeeping claims the rows (FOR UPDATE SKIP LOCKED);
 * each refund goes through {@link RefundService} with the key {@code event-cancel-<event>-<order>}, so an order is
 * refunded exactly once however often the button is pressed, however many nodes work, and if a node stops midway.
 */
@ApplicationScoped
public class EventCancellation {

    private static final Logger LOG = Logger.getLogger(EventCancellation.class.getName());
    /** A row claimed by a node that has not finished it after this long is taken to be left behind. */
    static final Duration STALE = Duration.ofMinutes(2);
    /** Tries against a payment service that is down before the row is listed as failed (retry by hand then). */
    static final int MAX_ATTEMPTS = 5;
    public static final String REFUND_REASON = "Event cancelled";

    /** Reasons the page words for people; anything else is the provider's or platform's own message. */
    public static final String PROVIDER_DOWN = "provider-down";
    public static final String NOT_PAID = "not-paid";
    public static final String NOTHING_LEFT = "nothing-left";
    public static final String IN_PROGRESS = "in-progress";

    @Inject
    CatalogAdministration catalog;

    @Inject
    TenantTransactions transactions;

    @Inject
    EventCancellations runs;

    @Inject
    RefundRepository refundRows;

    @Inject
    RefundService refunds;

    @Inject
    OrderService orders;

    @Inject
    HoldService holds;

    @Inject
    StaffAuditLog audit;

    /** What cancelling would touch now. */
    public record Preview(Event event, EventCancellations.Impact impact) {
    }

    /** The refund run of an event: rows per status, money refunded per currency, rows that failed. */
    public record Progress(int total, int refunded, int skipped, int failed, int waiting, Map<String, Long> refundedMinor,
                           List<EventCancellations.RefundRow> failures) {
        public boolean isStarted() {
            return total > 0;
        }

        public boolean isFinished() {
            return total > 0 && waiting == 0;
        }
    }

    public record Cancelled(Event event, boolean newlyCancelled, int unpaidCancelled, int holdsReleased, int refundsQueued,
                            Progress progress) {
    }

    public Preview preview(long eventId) {
        Event event = catalog.event(eventId);
        return new Preview(event, transactions.inTransaction(() -> runs.impact(eventId)));
    }

    public Progress progress(long eventId) {
        catalog.event(eventId);
        List<EventCancellations.RefundRow> rows = transactions.inTransaction(() -> runs.rows(eventId));
        int refunded = 0;
        int skipped = 0;
        int waiting = 0;
        Map<String, Long> money = new LinkedHashMap<>();
        List<EventCancellations.RefundRow> failures = new ArrayList<>();
        for (EventCancellations.RefundRow row : rows) {
            switch (row.status()) {
                case "DONE" -> {
                    refunded++;
                    if (row.amountMinor() != null) {
                        money.merge(row.currency(), row.amountMinor(), Long::sum);
                    }
                }
                case "SKIPPED" -> skipped++;
                case "FAILED" -> failures.add(row);
                default -> waiting++;
            }
        }
        return new Progress(rows.size(), refunded, skipped, failures.size(), waiting, money, List.copyOf(failures));
    }

    /**
     * Cancels the event (once; pressing again only adds what is missing) and, with {@code refund}, queues a refund of
     * every paid order of it. Safe to call twice and on two nodes at once.
     */
    public Cancelled cancel(StaffAuditLog.Actor actor, long eventId, boolean refund) {
        Event event = catalog.event(eventId);
        EventStatus previous = event.getStatus();
        boolean newly = false;
        if (event.getStatus() != EventStatus.CANCELLED) {
            try {
                event = catalog.changeStatus(eventId, EventStatus.CANCELLED);
                newly = true;
            } catch (RuntimeException e) {
                // another node's cancel got there first (conflict or optimistic lock): cancelled all the same
                event = catalog.event(eventId);
                if (event.getStatus() != EventStatus.CANCELLED) {
                    throw e;
                }
            }
        }
        EventCancellations.Impact impact = transactions.inTransaction(() -> runs.impact(eventId));
        int unpaid = 0;
        for (UUID orderId : transactions.inTransaction(() -> runs.unpaidOrders(eventId))) {
            try {
                orders.cancelByStaff(orderId);
                unpaid++;
            } catch (IllegalOrderTransitionException e) {
                LOG.fine(() -> "order " + orderId + " ended meanwhile: " + e.getMessage()); // paid meanwhile: the refund run takes it
            }
        }
        int released = 0;
        for (UUID holdId : transactions.inTransaction(() -> runs.basketHolds(eventId))) {
            holds.releaseFor(holdId);
            released++;
        }
        boolean cancelledNow = newly;
        Event cancelled = event;
        int unpaidCancelled = unpaid;
        int holdsReleased = released;
        int queued = transactions.inTransaction(() -> {
            if (cancelledNow) {
                audit.add(actor, "event.cancel", cancelled.getTitle() + ": cancelled (" + impact.paidOrders() + " paid order(s), "
                                + impact.validTickets() + " ticket(s); " + unpaidCancelled + " unpaid order(s) cancelled, "
                                + holdsReleased + " hold(s) released)",
                        new StaffAuditLog.Change("event:" + eventId, Map.of("status", previous.name()),
                                Map.of("status", EventStatus.CANCELLED.name())));
            }
            if (!refund) {
                return 0;
            }
            int n = runs.enqueue(eventId, actor == null ? null : actor.email());
            if (n > 0) {
                audit.add(actor, "event.cancel-refunds", cancelled.getTitle() + ": refunds of " + n + " paid order(s) started",
                        new StaffAuditLog.Change("event:" + eventId, Map.of(), Map.of("ordersToRefund", n)));
            }
            return n;
        });
        return new Cancelled(event, newly, unpaid, released, queued, progress(eventId));
    }

    /** Failed refunds of the event are tried again by the next housekeeping round. */
    public Progress retry(StaffAuditLog.Actor actor, long eventId) {
        Event event = catalog.event(eventId);
        transactions.run(() -> {
            int n = runs.retryFailed(eventId);
            if (n > 0) {
                audit.add(actor, "event.cancel-refunds", event.getTitle() + ": " + n + " failed refund(s) tried again",
                        new StaffAuditLog.Change("event:" + eventId, Map.of(), Map.of("retried", n)));
            }
        });
        return progress(eventId);
    }

    /**
     * Works off up to {@code limit} due refund rows of the current tenant on this node; safe on every node at once.
     * Returns how many rows it took.
     */
    public int refundDue(String node, int limit) {
        List<EventCancellations.RefundRow> claimed = transactions.inTransaction(() -> runs.claim(node, limit, STALE));
        for (EventCancellations.RefundRow row : claimed) {
            try {
                refundOne(node, row);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "refund of order " + row.orderId() + " for cancelled event " + row.eventId() + " failed", e);
                transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "FAILED", null, null,
                        String.valueOf(e.getMessage())));
            }
        }
        return claimed.size();
    }

    static String key(long eventId, UUID orderId) {
        return "event-cancel-" + eventId + "-" + orderId;
    }

    private void refundOne(String node, EventCancellations.RefundRow row) {
        String key = key(row.eventId(), row.orderId());
        Map<Long, Integer> lines = transactions.inTransaction(() -> runs.refundableLines(row.orderId(), row.eventId()));
        if (lines.isEmpty()) {
            // nothing left of the event in the order: refunded by an earlier try of ours, or by staff before the cancel
            var earlier = transactions.inTransaction(() -> refundRows.byKey(row.orderId(), key));
            if (earlier.isPresent() && earlier.get().status().equals("DONE")) {
                String currency = transactions.inTransaction(() -> runs.currencyOf(row.orderId()));
                transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "DONE", earlier.get().amountMinor(), currency, null));
            } else {
                transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "SKIPPED", null, null, NOTHING_LEFT));
            }
            return;
        }
        List<RefundService.RefundLine> asked = new ArrayList<>();
        lines.forEach((type, quantity) -> asked.add(new RefundService.RefundLine(type, quantity)));
        try {
            RefundService.Refunded done = refunds.refund(row.orderId(), new RefundService.RefundRequest(asked, false, key,
                    staff(row.requestedBy()), REFUND_REASON));
            transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "DONE", done.amount().minorUnits(),
                    done.amount().currency().getCurrencyCode(), null));
        } catch (RefundInProgressException e) {
            transactions.run(() -> runs.later(row.eventId(), row.orderId(), node, IN_PROGRESS, Duration.ofSeconds(30)));
        } catch (PaymentServiceDownException e) {
            if (row.attempts() + 1 >= MAX_ATTEMPTS) {
                transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "FAILED", null, null, PROVIDER_DOWN));
            } else {
                transactions.run(() -> runs.later(row.eventId(), row.orderId(), node, PROVIDER_DOWN,
                        Duration.ofSeconds(30L * (row.attempts() + 1))));
            }
        } catch (IllegalOrderTransitionException e) {
            transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "SKIPPED", null, null, NOT_PAID));
        } catch (CatalogConflictException e) {
            transactions.run(() -> runs.finish(row.eventId(), row.orderId(), node, "SKIPPED", null, null, NOTHING_LEFT));
        }
    }

    /** refund.staff is 64 characters: the requester's address, cut if need be. */
    private static String staff(String requestedBy) {
        String who = requestedBy == null ? "event-cancel" : requestedBy;
        return who.length() > 64 ? who.substring(0, 64) : who;
    }
}
