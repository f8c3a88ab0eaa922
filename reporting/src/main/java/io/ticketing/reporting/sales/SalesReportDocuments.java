package io.ticketing.reporting.sales;

import io.ticketing.platform.application.SalesReportWriter;
import io.ticketing.platform.domain.report.CouponDiscount;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import io.ticketing.platform.domain.report.SalesRow;
import io.ticketing.platform.domain.report.SalesSummary;
import io.ticketing.reporting.tickets.JasperTicketRenderer;
import io.ticketing.reporting.tickets.LogoImages;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRPrintElement;
import net.sf.jasperreports.engine.JRPrintPage;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;
import net.sf.jasperreports.pdf.JRPdfExporter;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The sales report as a document. PDF and XLSX: the designed sections (shop band, filters, totals, chart, coupons,
 * breakdowns) from one Jasper layout ({@code sales.jrxml} and its subreports, compiled at build time), a few pages
 * whatever the number of orders; then the order lines, streamed as the cursor hands them over, drawn onto PDF pages
 * of the same look ({@link SalesPdf}) or written into a sheet of their own ({@link LinesSheet}), so that neither
 * format keeps more than a page or a window of rows in the heap. CSV with Commons CSV. The lines are read once.
 */
@ApplicationScoped
public class SalesReportDocuments implements SalesReportWriter {

    private final Function<String, Optional<BufferedImage>> logos;

    public SalesReportDocuments() {
        this(new LogoImages()::logo);
    }

    /** With the shop's logo found another way (tests). */
    SalesReportDocuments(Function<String, Optional<BufferedImage>> logos) {
        this.logos = logos;
    }

    @Override
    public void write(SalesReport report, ReportFormat format, Locale locale, Iterator<SalesLine> lines,
                      OutputStream out) throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(lines, "lines");
        SalesLabels labels = SalesLabels.of(locale == null ? Locale.ENGLISH : locale);
        switch (format) {
            case CSV -> new SalesCsv(labels, report.filter().zone()).write(lines, out);
            case PDF, XLSX -> laidOut(report, format == ReportFormat.XLSX, labels, lines, out);
        }
    }

    private void laidOut(SalesReport report, boolean spreadsheet, SalesLabels labels, Iterator<SalesLine> lines,
                         OutputStream out) throws IOException {
        MoneyPatterns money = new MoneyPatterns(labels.locale());
        Map<String, Object> parameters = parameters(report, spreadsheet, labels, money);
        ByteArrayOutputStream designed = new ByteArrayOutputStream(64 * 1024);
        float lastPageBottom;
        try {
            JasperPrint print = JasperFillManager.fillReport(Layouts.SALES, parameters, new JREmptyDataSource(0));
            lastPageBottom = bottom(print);
            if (spreadsheet) {
                xlsx(print, designed);
            } else {
                pdf(print, designed);
            }
        } catch (JRException e) {
            throw new IOException("The sales report of " + report.shopName() + " could not be laid out", e);
        }
        ZoneId zone = report.filter().zone();
        if (spreadsheet) {
            try (XSSFWorkbook sections = new XSSFWorkbook(new ByteArrayInputStream(designed.toByteArray()))) {
                SXSSFWorkbook workbook = new SXSSFWorkbook(sections, 100);
                workbook.setCompressTempFiles(true);
                // plain data descriptors, so that streaming readers open the file too (java.util.zip's
                // ZipInputStream misreads the Zip64 ones written by default); a report never nears 4 GB
                workbook.setZip64Mode(Zip64Mode.Never);
                try {
                    new LinesSheet(workbook, labels, money, zone).write(lines);
                    workbook.write(out);
                } finally {
                    workbook.dispose();
                }
            }
        } else {
            try (SalesPdf pdf = new SalesPdf(out, labels, money, zone, labels.get("report.title"), report.shopName(),
                    (String) parameters.get("generatedAt"))) {
                pdf.designedPages(designed.toByteArray(), lastPageBottom);
                pdf.lines(lines);
            }
        }
    }

    /** Where the last designed page's content ends, in points from the top of the page. */
    private static float bottom(JasperPrint print) {
        List<JRPrintPage> pages = print.getPages();
        int bottom = 0;
        if (!pages.isEmpty()) {
            for (JRPrintElement element : pages.get(pages.size() - 1).getElements()) {
                bottom = Math.max(bottom, element.getY() + element.getHeight());
            }
        }
        return bottom;
    }

    private static void pdf(JasperPrint print, OutputStream out) throws JRException {
        JRPdfExporter exporter = new JRPdfExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        exporter.exportReport();
    }

    private static void xlsx(JasperPrint print, OutputStream out) throws JRException {
        JRXlsxExporter exporter = new JRXlsxExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimpleXlsxReportConfiguration configuration = new SimpleXlsxReportConfiguration();
        // numbers and dates as such (not their text); a sheet per section: the layout starts each on a page of its
        // own and names a print part there, and the exporter writes each part's pages one after another into a
        // sheet of its own; a grid without the page's margins (a margin row would also move the frozen row: Jasper
        // counts it from the top of the sheet's first page) and without the gaps of the page layout
        configuration.setDetectCellType(true);
        configuration.setOnePagePerSheet(false);
        configuration.setIgnorePageMargins(true);
        configuration.setRemoveEmptySpaceBetweenRows(true);
        configuration.setRemoveEmptySpaceBetweenColumns(true);
        configuration.setCollapseRowSpan(true);
        configuration.setWhitePageBackground(false);
        configuration.setShowGridLines(true);
        exporter.setConfiguration(configuration);
        exporter.exportReport();
    }

    private Map<String, Object> parameters(SalesReport report, boolean spreadsheet, SalesLabels labels,
                                           MoneyPatterns money) {
        Locale locale = labels.locale();
        SalesSummary summary = report.summary();
        String brandColor = brandColor(report.brandColor());
        Map<String, Object> p = new HashMap<>();
        p.put(JRParameter.REPORT_LOCALE, locale);
        p.put(JRParameter.REPORT_RESOURCE_BUNDLE, labels.bundle());
        p.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(report.filter().zone()));
        p.put("shopName", report.shopName());
        p.put("brandColor", brandColor);
        p.put("brandTextColor", JasperTicketRenderer.readableOn(brandColor));
        p.put("logo", LogoImages.uploaded(report.uploadedLogo()).or(() -> logos.apply(report.logoUrl())).orElse(null));
        p.put("filters", labels.filters(report));
        String generatedAt = labels.moment(report.generatedAt(), report.filter().zone());
        p.put("generatedAt", generatedAt);
        p.put("provenance", Stream.of(labels.get("report.generatedAt", generatedAt),
                        labels.get("report.dataAsOf", labels.moment(report.dataAsOf(), report.filter().zone())),
                        labels.source(report.source()))
                .filter(Objects::nonNull).reduce((a, b) -> a + "\n" + b).orElseThrow());
        p.put("emptyNote", summary.isEmpty() ? labels.get("report.empty") : null);
        p.put("spreadsheet", spreadsheet);
        p.put("figuresLayout", Layouts.FIGURES);
        p.put("couponsLayout", Layouts.COUPONS);
        p.put("chartsLayout", Layouts.CHARTS);
        p.put("totals", figures(summary.totals().stream()
                .map(f -> new SalesRow(f.currency(), Currency.getInstance(f.currency()).getDisplayName(locale), f))
                .toList(), UnaryOperator.identity(), money));
        p.put("coupons", coupons(summary.coupons(), money));
        p.put("byEvent", figures(summary.byEvent(), UnaryOperator.identity(), money));
        p.put("byTicketType", figures(summary.byTicketType(), UnaryOperator.identity(), money));
        p.put("byDay", figures(summary.byDay(), row -> day(row, labels), money));
        p.put("byPaymentMethod", figures(summary.byPaymentMethod(),
                row -> new SalesRow(row.key(), labels.paymentMethod(row.key()), row.figures()), money));
        p.put("charts", charts(report, locale, money, Color.decode(brandColor)));
        return p;
    }

    /** The shop's colour when it is one (#rrggbb), else the platform's blue. */
    static String brandColor(String color) {
        return color != null && color.matches("#[0-9a-fA-F]{6}") ? color : "#1F4E8C";
    }

    private static SalesRow day(SalesRow row, SalesLabels labels) {
        try {
            return new SalesRow(row.key(), labels.day(LocalDate.parse(row.key())), row.figures());
        } catch (DateTimeParseException e) {
            return row;
        }
    }

    private static JRMapCollectionDataSource figures(List<SalesRow> rows, UnaryOperator<SalesRow> relabel,
                                                     MoneyPatterns money) {
        List<Map<String, ?>> maps = new ArrayList<>();
        for (SalesRow row : rows) {
            SalesRow r = relabel.apply(row);
            SalesFigures f = r.figures();
            MoneyPatterns.Pattern pattern = money.of(f.currency());
            Map<String, Object> m = new HashMap<>();
            m.put("label", r.label());
            m.put("currency", f.currency());
            m.put("orders", f.orders());
            m.put("ticketsSold", f.ticketsSold());
            m.put("ticketsRefunded", f.ticketsRefunded());
            m.put("gross", f.amount(f.grossMinor()));
            m.put("discounts", f.amount(f.discountMinor()));
            m.put("refunds", f.amount(f.refundedMinor()));
            m.put("net", f.amount(f.netMinor()));
            m.put("moneyPattern", pattern.java());
            m.put("excelPattern", pattern.excel());
            maps.add(m);
        }
        return new JRMapCollectionDataSource(maps);
    }

    private static JRMapCollectionDataSource coupons(List<CouponDiscount> coupons, MoneyPatterns money) {
        List<Map<String, ?>> maps = new ArrayList<>();
        for (CouponDiscount c : coupons) {
            MoneyPatterns.Pattern pattern = money.of(c.currency());
            Map<String, Object> m = new HashMap<>();
            m.put("code", c.code());
            m.put("currency", c.currency());
            m.put("orders", c.orders());
            m.put("discount", SalesFigures.amount(c.discountMinor(), c.currency()));
            m.put("moneyPattern", pattern.java());
            m.put("excelPattern", pattern.excel());
            maps.add(m);
        }
        return new JRMapCollectionDataSource(maps);
    }

    /** A chart per currency of net sales per day over the whole period, in the order the totals list them. */
    private static JRMapCollectionDataSource charts(SalesReport report, Locale locale, MoneyPatterns money, Color bars) {
        Map<String, Map<LocalDate, BigDecimal>> byCurrency = new LinkedHashMap<>();
        report.summary().totals().forEach(t -> byCurrency.put(t.currency(), new HashMap<>()));
        for (SalesRow row : report.summary().byDay()) {
            try {
                byCurrency.computeIfAbsent(row.figures().currency(), c -> new HashMap<>())
                        .merge(LocalDate.parse(row.key()), row.figures().amount(row.figures().netMinor()), BigDecimal::add);
            } catch (DateTimeParseException e) {
                // a day row without an ISO date cannot be placed on the axis; the table still lists it
            }
        }
        List<Map<String, ?>> maps = new ArrayList<>();
        byCurrency.entrySet().stream().filter(e -> !e.getValue().isEmpty()).forEach(e -> {
            Map<String, Object> m = new HashMap<>();
            m.put("currency", e.getKey());
            m.put("chart", NetSalesChart.of(report.filter().from(), report.filter().to(), e.getValue(),
                    money.of(e.getKey()).java(), locale, bars));
            maps.add(m);
        });
        return new JRMapCollectionDataSource(maps);
    }

    /** Loaded on first use, once: compiled layouts are read-only and filled by many threads at once. */
    private static final class Layouts {
        static final JasperReport SALES = load("sales");
        static final JasperReport FIGURES = load("sales-figures");
        static final JasperReport COUPONS = load("sales-coupons");
        static final JasperReport CHARTS = load("sales-charts");

        private static JasperReport load(String name) {
            String resource = "/io/ticketing/reporting/" + name + ".jasper";
            try (InputStream in = SalesReportDocuments.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing: the reporting module was built without its layouts");
                }
                return (JasperReport) JRLoader.loadObject(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JRException e) {
                throw new IllegalStateException("Cannot load " + resource, e);
            }
        }
    }
}
