package io.ticketing.reporting.sales;

import io.ticketing.platform.domain.report.CouponDiscount;
import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesFilter;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.report.SalesRow;
import io.ticketing.platform.domain.report.SalesSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A hand-made report of one week in Berlin: EUR and CNY orders, discounted, partly and wholly refunded, buyers with
 * German, Chinese, Greek and Cyrillic names and one whose name is a spreadsheet formula. The summary is the lines
 * added up per currency, as the database does it.
 */
final class SalesFixture {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String FORMULA_NAME = "=HYPERLINK(\"http://x\")";

    static List<SalesLine> lines() {
        return List.of(
                line("1001", "2027-03-01T09:15:00Z", "Jörg Müßig", "joerg@example.de", "Frühlingskonzert", "Parkett",
                        2, 0, "EUR", 2450, 490, 0, "FRUEHLING10", "stripe", "PAID"),
                line("1002", "2027-03-02T18:40:30Z", FORMULA_NAME, "x@example.com", "Frühlingskonzert", "Parkett",
                        1, 1, "EUR", 2450, 0, 2450, null, "stripe", "REFUNDED"),
                line("1003", "2027-03-03T02:05:00Z", "张伟", "zhang.wei@example.cn", "春节联欢音乐会", "池座",
                        3, 1, "CNY", 18800, 0, 18800, null, "alipay", "PARTIALLY_REFUNDED"),
                line("1004", "2027-03-03T11:00:00Z", "Ολυμπία Παπαδοπούλου", "olympia@example.gr", "春节联欢音乐会", "包厢",
                        1, 0, "CNY", 128800, 0, 0, null, "alipay", "PAID"),
                line("1005", "2027-03-05T20:30:00Z", "Дмитрий Иванов", "dmitri@example.ru", "Frühlingskonzert", "Loge",
                        1, 0, "EUR", 123450, 0, 0, null, "sandbox", "PAID"));
    }

    static SalesReport report(ReadSource source) {
        return report(lines(), source);
    }

    static SalesReport report(List<SalesLine> lines, ReadSource source) {
        SalesFilter filter = new SalesFilter(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 7), BERLIN, List.of(7L),
                List.of(), null);
        SalesSummary summary = new SalesSummary(
                rows(lines, l -> l.currency()).stream().map(SalesRow::figures).toList(),
                coupons(lines),
                rows(lines, SalesLine::event), rows(lines, SalesLine::ticketType),
                rows(lines, l -> l.paidAt().atZone(BERLIN).toLocalDate().toString()),
                rows(lines, SalesLine::paymentMethod),
                lines.stream().map(SalesLine::orderNumber).distinct().count(), lines.size());
        return new SalesReport("Konzerthaus Lotus 莲花厅", null, "#b3261e", filter, List.of("Frühlingskonzert"), List.of(),
                Instant.parse("2027-03-08T07:00:00Z"), Instant.parse("2027-03-08T06:59:58Z"), source, summary);
    }

    static SalesLine line(String number, String paidAt, String name, String email, String event, String type, int quantity,
                          int refundedQuantity, String currency, long unitMinor, long discountMinor, long refundedMinor,
                          String coupon, String method, String status) {
        return new SalesLine(UUID.nameUUIDFromBytes(number.getBytes()), number, Instant.parse(paidAt), name, email, event,
                type, quantity, refundedQuantity, currency, unitMinor, unitMinor * quantity, discountMinor, refundedMinor,
                coupon, method, status);
    }

    /** Figures per key and currency, in the order keys first appear. */
    static List<SalesRow> rows(List<SalesLine> lines, Function<SalesLine, String> key) {
        Map<String, List<SalesLine>> groups = new LinkedHashMap<>();
        for (SalesLine l : lines) {
            groups.computeIfAbsent(key.apply(l) + "\u0000" + l.currency(), k -> new ArrayList<>()).add(l);
        }
        List<SalesRow> rows = new ArrayList<>();
        groups.forEach((k, group) -> {
            String currency = group.get(0).currency();
            SalesFigures f = new SalesFigures(currency, group.stream().map(SalesLine::orderNumber).distinct().count(),
                    group.stream().mapToLong(SalesLine::quantity).sum(),
                    group.stream().mapToLong(SalesLine::refundedQuantity).sum(),
                    group.stream().mapToLong(SalesLine::grossMinor).sum(),
                    group.stream().mapToLong(SalesLine::discountMinor).sum(),
                    group.stream().mapToLong(SalesLine::refundedMinor).sum());
            String label = key.apply(group.get(0));
            rows.add(new SalesRow(label, label, f));
        });
        return rows;
    }

    /** Discounts per coupon and currency, as the database sums them (one row per code, not per line). */
    static List<CouponDiscount> coupons(List<SalesLine> lines) {
        Map<String, List<SalesLine>> groups = new LinkedHashMap<>();
        for (SalesLine l : lines) {
            if (l.coupon() != null) {
                groups.computeIfAbsent(l.coupon() + "\u0000" + l.currency(), k -> new ArrayList<>()).add(l);
            }
        }
        return groups.values().stream().map(group -> new CouponDiscount(group.get(0).coupon(), group.get(0).currency(),
                group.stream().map(SalesLine::orderNumber).distinct().count(),
                group.stream().mapToLong(SalesLine::discountMinor).sum())).toList();
    }
}
