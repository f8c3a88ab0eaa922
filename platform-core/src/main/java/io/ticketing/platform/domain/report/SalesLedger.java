package io.ticketing.platform.domain.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/** The sales a report is made of, read inside {@link ReportReads#read}. */
public interface SalesLedger {

    /** Totals per currency, discounts by coupon and the four breakdowns, in one pass over the matching lines. */
    SalesSummary summary(SalesFilter filter);

    /** How many paid orders match: what decides between streaming a report at once and making it in the background. */
    long orders(SalesFilter filter);

    /**
     * The matching order lines by paid-at, then order, then ticket type, read through a database cursor (a fetch at
     * a time); close the stream when done.
     */
    Stream<SalesLine> lines(SalesFilter filter);

    /** How fresh what this transaction reads is: now on the primary, the last replayed commit on a replica. */
    Instant dataAsOf();

    /** The names of these events / ticket types, in the order given (unknown ids left out). */
    List<String> eventNames(List<Long> ids);

    List<String> ticketTypeNames(List<Long> ids);

    /** What a filter form offers: events (newest first), ticket types, and the payment methods orders were paid by. */
    List<Choice> events();

    List<Choice> ticketTypes();

    List<String> paymentMethods();

    /** The time zone most of the shop's events are in (its venues'), or UTC when it has none. */
    ZoneId shopZone();

    /** An option of a filter: its id and what a reader sees, and for ticket types the event it belongs to. */
    record Choice(long id, String label, String group) {
    }
}
