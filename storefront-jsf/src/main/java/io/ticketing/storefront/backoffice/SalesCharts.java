package io.ticketing.storefront.backoffice;

import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.report.SalesRow;
import io.ticketing.platform.domain.shared.Money;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Net sales per day as bars, one chart per currency, from a sales report's by-day rows: what the finance page and
 * the overview draw (include {@code WEB-INF/includes/salesChart.xhtml}).
 */
public final class SalesCharts {

    private SalesCharts() {
    }

    /** A bar of the chart: its day, its net amount and its height in percent of the chart's tallest bar. */
    public record Bar(String day, Money net, double height, double x, double width) {
    }

    public record Chart(String currency, Money peak, List<Bar> bars) {
    }

    public static List<Chart> of(SalesReport report, LocalDate from, LocalDate to) {
        if (report == null) {
            return List.of();
        }
        Map<String, List<SalesRow>> byCurrency = new LinkedHashMap<>();
        for (SalesRow row : report.summary().byDay()) {
            byCurrency.computeIfAbsent(row.figures().currency(), k -> new ArrayList<>()).add(row);
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        List<Chart> charts = new ArrayList<>();
        byCurrency.forEach((currency, rows) -> {
            long peak = rows.stream().mapToLong(r -> r.figures().netMinor()).max().orElse(0);
            double slot = 100.0 / days;
            List<Bar> bars = rows.stream().map(r -> {
                long index = ChronoUnit.DAYS.between(from, LocalDate.parse(r.key()));
                double height = peak <= 0 ? 0 : Math.max(0.5, 100.0 * r.figures().netMinor() / peak);
                return new Bar(r.key(), Money.ofMinor(r.figures().netMinor(), currency), height, index * slot + slot * 0.1, slot * 0.8);
            }).toList();
            charts.add(new Chart(currency, Money.ofMinor(peak, currency), bars));
        });
        return charts;
    }
}
