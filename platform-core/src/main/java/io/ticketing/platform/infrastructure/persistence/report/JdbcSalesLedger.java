package io.ticketing.platform.infrastructure.persistence.report;

import io.ticketing.platform.domain.report.CouponDiscount;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesLedger;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesRow;
import io.ticketing.platform.domain.report.SalesSummary;
import io.ticketing.platform.infrastructure.persistence.Sql;
import io.ticketing.platform.infrastructure.persistence.order.BuyerDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Sales read in SQL, inside a report's read-only transaction ({@code ReportReads}). The figures are the database's
 * own sums over the same lines the detail lists: orders paid in the period (PAID, PARTIALLY_REFUNDED or REFUNDED),
 * their lines as bought, and the refunds counted on those lines to this day.
 */
@ApplicationScoped
public class JdbcSalesLedger implements SalesLedger {

    /** Rows fetched per round trip while the detail streams: enough to keep the wire busy, few enough for the heap. */
    static final int FETCH_SIZE = 1000;

    private static final String MATCHING = """
            FROM customer_order o
            JOIN order_line l ON l.order_id = o.id
            JOIN ticket_type t ON t.id = l.ticket_type_id
           WHERE o.paid_at >= ? AND o.paid_at < ?
             AND o.status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')
             AND (?::varchar IS NULL OR o.provider = ?)
             AND (cardinality(?::bigint[]) = 0 OR t.event_id = ANY (?::bigint[]))
             AND (cardinality(?::bigint[]) = 0 OR l.ticket_type_id = ANY (?::bigint[]))
            """;

    @Inject
    BuyerDataCipher cipher;

    public JdbcSalesLedger() {
    }

    /** For hand wiring in tests. */
    public JdbcSalesLedger(BuyerDataCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public SalesSummary summary(SalesFilter filter) {
        return Sql.query(c -> {
            Map<String, List<Group>> groups = new HashMap<>();
            long orders = 0;
            long lines = 0;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT CASE WHEN grouping(event_id) = 0 THEN 'event' WHEN grouping(ticket_type_id) = 0 THEN 'type'
                                WHEN grouping(day) = 0 THEN 'day' WHEN grouping(provider) = 0 THEN 'method'
                                WHEN grouping(coupon_id) = 0 THEN 'coupon' ELSE 'total' END,
                           currency, coalesce(event_id, ticket_type_id, coupon_id), day, provider,
                           count(DISTINCT order_id), sum(quantity), sum(refunded_quantity), sum(gross_minor),
                           sum(discount_minor), sum(refunded_minor), count(*)
                      FROM (SELECT o.id AS order_id, o.currency, o.provider, o.coupon_id, t.event_id, l.ticket_type_id,
                                   (o.paid_at AT TIME ZONE ?)::date AS day, l.quantity, l.refunded_quantity,
                                   l.unit_price_minor * l.quantity AS gross_minor, l.discount_minor, l.refunded_minor
                            """ + MATCHING + """
                           ) sold
                     GROUP BY GROUPING SETS ((currency), (currency, event_id), (currency, ticket_type_id), (currency, day),
                                             (currency, provider), (currency, coupon_id))""")) {
                s.setString(1, filter.zone().getId());
                bindMatching(c, s, 2, filter);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String dim = r.getString(1);
                        SalesFigures figures = new SalesFigures(r.getString(2).trim(), r.getLong(6), r.getLong(7), r.getLong(8),
                                r.getLong(9), r.getLong(10), r.getLong(11));
                        long id = r.getLong(3);
                        boolean noId = r.wasNull();
                        LocalDate day = r.getObject(4, LocalDate.class);
                        String provider = r.getString(5);
                        if (dim.equals("coupon") && noId) {
                            continue; // lines bought without a coupon
                        }
                        if (dim.equals("total")) {
                            orders += figures.orders();
                            lines += r.getLong(12);
                        }
                        groups.computeIfAbsent(dim, k -> new ArrayList<>()).add(new Group(id, day, provider, figures));
                    }
                }
            }
            Labels labels = labels(c, groups);
            List<SalesFigures> totals = groups.getOrDefault("total", List.of()).stream().map(Group::figures)
                    .sorted(Comparator.comparing(SalesFigures::currency)).toList();
            List<CouponDiscount> coupons = groups.getOrDefault("coupon", List.of()).stream()
                    .map(g -> new CouponDiscount(labels.coupons.getOrDefault(g.id, "#" + g.id), g.figures.currency(),
                            g.figures.orders(), g.figures.discountMinor()))
                    .sorted(Comparator.comparing(CouponDiscount::code).thenComparing(CouponDiscount::currency)).toList();
            List<SalesRow> byEvent = groups.getOrDefault("event", List.of()).stream()
                    .sorted(Comparator.comparing((Group g) -> labels.eventOrder.getOrDefault(g.id, Instant.MAX))
                            .thenComparing(g -> g.id).thenComparing(g -> g.figures.currency()))
                    .map(g -> new SalesRow(Long.toString(g.id), labels.events.getOrDefault(g.id, "#" + g.id), g.figures)).toList();
            List<SalesRow> byType = groups.getOrDefault("type", List.of()).stream()
                    .sorted(Comparator.comparing((Group g) -> labels.typeOrder.getOrDefault(g.id, ""))
                            .thenComparing(g -> g.id).thenComparing(g -> g.figures.currency()))
                    .map(g -> new SalesRow(Long.toString(g.id), labels.types.getOrDefault(g.id, "#" + g.id), g.figures)).toList();
            List<SalesRow> byDay = groups.getOrDefault("day", List.of()).stream()
                    .sorted(Comparator.comparing((Group g) -> g.day).thenComparing(g -> g.figures.currency()))
                    .map(g -> new SalesRow(g.day.toString(), g.day.toString(), g.figures)).toList();
            List<SalesRow> byMethod = groups.getOrDefault("method", List.of()).stream()
                    .sorted(Comparator.comparing((Group g) -> g.provider).thenComparing(g -> g.figures.currency()))
                    .map(g -> new SalesRow(g.provider, g.provider, g.figures)).toList();
            return new SalesSummary(totals, coupons, byEvent, byType, byDay, byMethod, orders, lines);
        });
    }

    private record Group(long id, LocalDate day, String provider, SalesFigures figures) {
    }

    private static final class Labels {
        final Map<Long, String> events = new HashMap<>();
        final Map<Long, Instant> eventOrder = new HashMap<>();
        final Map<Long, String> types = new HashMap<>();
        final Map<Long, String> typeOrder = new HashMap<>();
        final Map<Long, String> coupons = new HashMap<>();
    }

    /** The names behind the ids of a summary, in three small queries (events, ticket types, coupons). */
    private static Labels labels(Connection c, Map<String, List<Group>> groups) throws SQLException {
        Labels labels = new Labels();
        Long[] events = ids(groups.get("event"));
        Long[] types = ids(groups.get("type"));
        Long[] coupons = ids(groups.get("coupon"));
        if (events.length > 0) {
            try (PreparedStatement s = c.prepareStatement("SELECT id, title, starts_at FROM event WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("bigint", events));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        labels.events.put(r.getLong(1), r.getString(2));
                        labels.eventOrder.put(r.getLong(1), r.getTimestamp(3).toInstant());
                    }
                }
            }
        }
        if (types.length > 0) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, e.title || ' · ' || t.name, to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS') || e.id || '/' || t.name
                      FROM ticket_type t JOIN event e ON e.id = t.event_id WHERE t.id = ANY (?)""")) {
                s.setArray(1, c.createArrayOf("bigint", types));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        labels.types.put(r.getLong(1), r.getString(2));
                        labels.typeOrder.put(r.getLong(1), r.getString(3));
                    }
                }
            }
        }
        if (coupons.length > 0) {
            try (PreparedStatement s = c.prepareStatement("SELECT id, code FROM coupon WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("bigint", coupons));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        labels.coupons.put(r.getLong(1), r.getString(2));
                    }
                }
            }
        }
        return labels;
    }

    private static Long[] ids(List<Group> groups) {
        return groups == null ? new Long[0] : groups.stream().map(Group::id).distinct().toArray(Long[]::new);
    }

    @Override
    public long orders(SalesFilter filter) {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(DISTINCT o.id) " + MATCHING)) {
                bindMatching(c, s, 1, filter);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public Stream<SalesLine> lines(SalesFilter filter) {
        return Sql.query(c -> {
            PreparedStatement s = c.prepareStatement("""
                    SELECT o.id, o.paid_at, o.buyer_name, o.buyer_email, e.title, l.name, l.quantity, l.refunded_quantity,
                           o.currency, l.unit_price_minor, l.unit_price_minor * l.quantity, l.discount_minor, l.refunded_minor,
                           (SELECT code FROM coupon WHERE id = o.coupon_id), o.provider, o.status
                    """ + MATCHING.replace("JOIN ticket_type t ON t.id = l.ticket_type_id",
                    "JOIN ticket_type t ON t.id = l.ticket_type_id\n JOIN event e ON e.id = t.event_id") + """
                     ORDER BY o.paid_at, o.id, l.ticket_type_id""");
            ResultSet r;
            try {
                // a cursor: PostgreSQL sends FETCH_SIZE rows at a time (the transaction is not autocommit)
                s.setFetchSize(FETCH_SIZE);
                bindMatching(c, s, 1, filter);
                r = s.executeQuery();
            } catch (SQLException | RuntimeException e) {
                s.close();
                throw e;
            }
            Spliterator<SalesLine> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                @Override
                public boolean tryAdvance(Consumer<? super SalesLine> action) {
                    try {
                        if (!r.next()) {
                            return false;
                        }
                        action.accept(line(r));
                        return true;
                    } catch (SQLException e) {
                        throw Sql.translate(e);
                    }
                }
            };
            return StreamSupport.stream(rows, false).onClose(() -> {
                try {
                    s.close();
                } catch (SQLException ignored) {
                    // the transaction's end closes it anyway
                }
            });
        });
    }

    private SalesLine line(ResultSet r) throws SQLException {
        UUID id = r.getObject(1, UUID.class);
        return new SalesLine(id, id.toString().substring(0, 8).toUpperCase(Locale.ROOT), r.getTimestamp(2).toInstant(),
                cipher.open(r.getString(3)), cipher.open(r.getString(4)), r.getString(5), r.getString(6), r.getInt(7), r.getInt(8),
                r.getString(9).trim(), r.getLong(10), r.getLong(11), r.getLong(12), r.getLong(13), r.getString(14),
                r.getString(15), r.getString(16));
    }

    private static void bindMatching(Connection c, PreparedStatement s, int first, SalesFilter filter) throws SQLException {
        int i = first;
        s.setTimestamp(i++, Timestamp.from(filter.start()));
        s.setTimestamp(i++, Timestamp.from(filter.end()));
        s.setString(i++, filter.paymentMethod());
        s.setString(i++, filter.paymentMethod());
        java.sql.Array events = c.createArrayOf("bigint", filter.eventIds().toArray(Long[]::new));
        java.sql.Array types = c.createArrayOf("bigint", filter.ticketTypeIds().toArray(Long[]::new));
        s.setArray(i++, events);
        s.setArray(i++, events);
        s.setArray(i++, types);
        s.setArray(i, types);
    }

    /**
     * On a standby: now, if it is streaming from its primary (heard from within a minute; the primary sends a
     * keep-alive at least every 30 s) and has replayed all it received; else the time of the last commit it
     * replayed, which is older than the truth on a quiet system but never newer.
     */
    @Override
    public Instant dataAsOf() {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT CASE WHEN NOT pg_is_in_recovery() THEN now()
                                WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                                     AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'
                                                    AND last_msg_receipt_time > now() - interval '60 seconds') THEN now()
                                ELSE coalesce(pg_last_xact_replay_timestamp(), now()) END""");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        });
    }

    @Override
    public List<String> eventNames(List<Long> ids) {
        return names("SELECT id, title FROM event WHERE id = ANY (?)", ids);
    }

    @Override
    public List<String> ticketTypeNames(List<Long> ids) {
        return names("SELECT t.id, e.title || ' · ' || t.name FROM ticket_type t JOIN event e ON e.id = t.event_id WHERE t.id = ANY (?)", ids);
    }

    private static List<String> names(String sql, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Sql.query(c -> {
            Map<Long, String> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getLong(1), r.getString(2));
                    }
                }
            }
            return ids.stream().filter(found::containsKey).map(found::get).toList();
        });
    }

    @Override
    public List<Choice> events() {
        return Sql.query(c -> {
            List<Choice> choices = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT e.id, e.title, to_char(e.starts_at AT TIME ZONE v.time_zone, 'YYYY-MM-DD')
                      FROM event e JOIN venue v ON v.id = e.venue_id ORDER BY e.starts_at DESC, e.id LIMIT ?""")) {
                s.setInt(1, SalesFilter.MAX_IDS);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        choices.add(new Choice(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            return choices;
        });
    }

    @Override
    public List<Choice> ticketTypes() {
        return Sql.query(c -> {
            List<Choice> choices = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.id, t.name, e.title FROM ticket_type t JOIN event e ON e.id = t.event_id
                     ORDER BY e.starts_at DESC, e.id, t.id LIMIT ?""")) {
                s.setInt(1, SalesFilter.MAX_IDS);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        choices.add(new Choice(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            return choices;
        });
    }

    @Override
    public List<String> paymentMethods() {
        return Sql.query(c -> {
            List<String> methods = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT provider FROM payment_settings UNION SELECT DISTINCT provider FROM customer_order WHERE paid_at IS NOT NULL
                     ORDER BY 1""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    methods.add(r.getString(1));
                }
            }
            return methods;
        });
    }

    @Override
    public ZoneId shopZone() {
        return Sql.query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT v.time_zone FROM event e JOIN venue v ON v.id = e.venue_id
                     GROUP BY v.time_zone ORDER BY count(*) DESC, v.time_zone LIMIT 1""");
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    try {
                        return ZoneId.of(r.getString(1));
                    } catch (DateTimeException unknownZone) {
                        return ZoneOffset.UTC;
                    }
                }
                return ZoneOffset.UTC;
            }
        });
    }
}
