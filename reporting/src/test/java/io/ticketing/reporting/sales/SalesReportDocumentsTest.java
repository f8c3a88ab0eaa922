package io.ticketing.reporting.sales;

import static io.ticketing.reporting.sales.SalesFixture.FORMULA_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportFormat;
import io.ticketing.platform.domain.report.SalesLine;
import io.ticketing.platform.domain.report.SalesReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SalesReportDocumentsTest {

    private final SalesReportDocuments documents = new SalesReportDocuments(url -> Optional.empty());

    private byte[] write(SalesReport report, ReportFormat format, Locale locale, List<SalesLine> lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        documents.write(report, format, locale, lines.iterator(), out);
        return out.toByteArray();
    }

    private byte[] write(ReportFormat format, Locale locale) throws Exception {
        return write(SalesFixture.report(ReadSource.REPLICA), format, locale, SalesFixture.lines());
    }

    @Test
    void thePdfCarriesTheTotalsPerCurrencyAndEveryNameInEmbeddedFonts() throws Exception {
        byte[] pdf = write(ReportFormat.PDF, Locale.ENGLISH);
        Files.write(Path.of("target/sales-en.pdf"), pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                ImageIO.write(renderer.renderImageWithDPI(page, 80, ImageType.RGB), "png",
                        new File("target/sales-en-" + (page + 1) + ".png"));
            }
            String text = pdfText(document);
            Files.writeString(Path.of("target/sales-en.txt"), text);
            assertThat(text).contains("Konzerthaus Lotus 莲花厅", "Sales report",
                    "Period: Mar 1, 2027 to Mar 7, 2027 (times in Europe/Berlin)", "Events: Frühlingskonzert",
                    "Ticket types: all", "Payment method: all", "Figures read from the read-only replica.",
                    "€1,308.00", "€4.90", "€24.50", "€1,278.60", "CN¥1,852.00", "CN¥188.00", "CN¥1,664.00",
                    "FRUEHLING10", "Jörg Müßig", "张伟", "Ολυμπία Παπαδοπούλου", "Дмитрий Иванов", FORMULA_NAME,
                    "Card (Stripe)", "Alipay", "Test payments", "Partly refunded", "Net sales per day, EUR",
                    "Net sales per day, CNY", "Page 1 of " + document.getNumberOfPages());
            assertThat(text).doesNotContain("PARTIALLY_REFUNDED");
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName() + " embedded on page "
                            + (document.getPages().indexOf(page) + 1)).isTrue();
                }
            }
        }
    }

    @Test
    void orderLinesRunOverPagesWithTheirHeadingsAndFooterAndNoLineIsCutOrSplit() throws Exception {
        List<SalesLine> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // Č, ř, Ł and ğ are not in Noto Sans SC: drawn in DejaVu Sans, in the same line
            many.add(SalesFixture.line(Integer.toString(2000 + i), "2027-03-02T10:00:00Z", "Čestmír Łukasiewicz-Oğuz " + i,
                    "buyer" + i + "@example.cz", "Ein langer Name einer Veranstaltung am Abend " + i, "Parkett", 1 + i % 3, 0,
                    i % 2 == 0 ? "EUR" : "CNY", 2450 + i, 0, 0, null, "stripe", "PAID"));
        }
        byte[] pdf = write(SalesFixture.report(many, ReadSource.PRIMARY), ReportFormat.PDF, Locale.ENGLISH, many);
        Files.write(Path.of("target/sales-many.pdf"), pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(4);
            List<String> pageTexts = new ArrayList<>();
            for (int p = 1; p <= pages; p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pageTexts.add(stripper.getText(document).replaceAll("\\s+", " "));
            }
            for (int p = 0; p < pages; p++) {
                assertThat(pageTexts.get(p)).as("footer of page " + (p + 1))
                        .contains("Page " + (p + 1) + " of " + pages, "Konzerthaus Lotus 莲花厅, sales report generated");
            }
            int pagesWithLines = 0;
            for (String text : pageTexts) {
                if (text.contains("Order lines")) {
                    pagesWithLines++;
                    assertThat(text).contains("Order Paid at Buyer Event Ticket type Qty Refunded Unit price Gross");
                }
            }
            assertThat(pagesWithLines).isGreaterThan(1);
            for (SalesLine line : many) {
                String amount = line.currency().equals("EUR") ? "€" : "CN¥";
                List<String> holding = pageTexts.stream().filter(t -> t.contains(" " + line.orderNumber() + " Mar 2, 2027"))
                        .toList();
                assertThat(holding).as("order " + line.orderNumber() + " on one page").hasSize(1);
                assertThat(holding.get(0)).as("order " + line.orderNumber() + " whole")
                        .contains(line.buyerName(), line.buyerEmail(), line.event(), amount);
            }
        }
    }

    @Test
    void theWorkbookHasASheetPerSectionWithNumbersInTheirCurrencysFormatAndFrozenHeaders() throws Exception {
        byte[] xlsx = write(ReportFormat.XLSX, Locale.ENGLISH);
        Files.write(Path.of("target/sales-en.xlsx"), xlsx);
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                zip.readAllBytes();
                entries.add(entry.getName());
            }
        }
        assertThat(entries).as("a zip that streaming readers open too").contains("xl/workbook.xml", "xl/worksheets/sheet7.xml");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("Summary", "Coupons", "By event", "By ticket type", "By day",
                    "By payment method", "Lines");
            for (String tabular : sheets.subList(1, sheets.size())) {
                Sheet sheet = workbook.getSheet(tabular);
                PaneInformation pane = sheet.getPaneInformation();
                assertThat(pane).as(tabular + " frozen").isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat((int) pane.getHorizontalSplitPosition()).as(tabular + " header row frozen").isEqualTo(1);
                assertThat(text(sheet.getRow(0).getCell(0))).isNotBlank();
            }

            Sheet summary = workbook.getSheet("Summary");
            Row euro = rowStartingWith(summary, "Euro");
            Cell gross = cellAfter(euro, "EUR", 4);
            assertThat(gross.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(gross.getNumericCellValue()).isEqualTo(1308.00);
            assertThat(gross.getCellStyle().getDataFormatString()).contains("€").contains("0.00");
            assertThat(cellAfter(euro, "EUR", 7).getNumericCellValue()).isEqualTo(1278.60);
            Row yuan = rowStartingWith(summary, "Chinese Yuan");
            assertThat(cellAfter(yuan, "CNY", 4).getNumericCellValue()).isEqualTo(1852.00);
            assertThat(cellAfter(yuan, "CNY", 7).getNumericCellValue()).isEqualTo(1664.00);
            assertThat(cellAfter(yuan, "CNY", 7).getCellStyle().getDataFormatString()).contains("¥");
            assertThat(new DataFormatter(Locale.ENGLISH).formatCellValue(cellAfter(yuan, "CNY", 7))).isEqualTo("CN¥1,664.00");

            Sheet lines = workbook.getSheet("Lines");
            assertThat(lines.getLastRowNum()).isEqualTo(SalesFixture.lines().size());
            Row header = lines.getRow(0);
            List<String> headings = new ArrayList<>();
            header.forEach(c -> headings.add(text(c)));
            assertThat(headings).containsExactly("Order", "Paid at", "Buyer", "E-mail", "Event", "Ticket type", "Qty",
                    "Refunded", "Unit price", "Gross", "Discount", "Refunded amount", "Net", "Coupon", "Payment method",
                    "Status");
            Row first = lines.getRow(1);
            assertThat(text(first.getCell(0))).isEqualTo("1001");
            Cell paidAt = first.getCell(1);
            assertThat(paidAt.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(paidAt)).isTrue();
            assertThat(paidAt.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2027, 3, 1, 10, 15));
            assertThat(text(first.getCell(2))).isEqualTo("Jörg Müßig");
            assertThat(text(first.getCell(3))).isEqualTo("joerg@example.de");
            assertThat(first.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(6).getNumericCellValue()).isEqualTo(2);
            assertThat(first.getCell(12).getNumericCellValue()).isEqualTo(44.10);
            assertThat(first.getCell(12).getCellStyle().getDataFormatString()).contains("€");
            assertThat(text(lines.getRow(2).getCell(2))).isEqualTo(FORMULA_NAME);
            assertThat(lines.getRow(2).getCell(2).getCellType()).isEqualTo(CellType.STRING);
            double net = 0;
            for (int r = 1; r <= lines.getLastRowNum(); r++) {
                if (lines.getRow(r).getCell(12).getCellStyle().getDataFormatString().contains("€")) {
                    net += lines.getRow(r).getCell(12).getNumericCellValue();
                }
            }
            assertThat(BigDecimal.valueOf(net).setScale(2, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("1278.60");
        }
    }

    @Test
    void theCsvReadsBackLineForLineWithPlainAmountsAndNoFormulas() throws Exception {
        byte[] csv = write(ReportFormat.CSV, Locale.ENGLISH);

        assertThat(new String(csv, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("\r\n");
        List<CSVRecord> records;
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(csv, 3, csv.length - 3), StandardCharsets.UTF_8)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        List<SalesLine> lines = SalesFixture.lines();
        assertThat(records).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            SalesLine line = lines.get(i);
            CSVRecord record = records.get(i);
            assertThat(record.get("Order")).isEqualTo(line.orderNumber());
            assertThat(record.get("Order ID")).as("the full id: eight characters repeat among 100,000 orders").isEqualTo(line.orderId().toString());
            assertThat(Integer.parseInt(record.get("Qty"))).isEqualTo(line.quantity());
            assertThat(new BigDecimal(record.get("Gross")).movePointRight(2).longValueExact()).isEqualTo(line.grossMinor());
            assertThat(new BigDecimal(record.get("Net")).movePointRight(2).longValueExact()).isEqualTo(line.netMinor());
            assertThat(record.get("Currency")).isEqualTo(line.currency());
        }
        assertThat(records.get(0).get("Paid at")).isEqualTo("2027-03-01T10:15:00+01:00");
        assertThat(records.get(0).get("Gross")).isEqualTo("49.00");
        assertThat(records.get(3).get("Unit price")).isEqualTo("1288.00");
        assertThat(records.get(0).get("Buyer")).isEqualTo("Jörg Müßig");
        assertThat(records.get(2).get("Buyer")).isEqualTo("张伟");
        assertThat(records.get(1).get("Buyer")).isEqualTo("'" + FORMULA_NAME);
    }

    @Test
    void aFormulaLikeTextIsNeutralisedAndOtherTextLeftAlone() {
        assertThat(SalesCsv.text("=1+1")).isEqualTo("'=1+1");
        assertThat(SalesCsv.text("+49 30 123")).isEqualTo("'+49 30 123");
        assertThat(SalesCsv.text("-2")).isEqualTo("'-2");
        assertThat(SalesCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SalesCsv.text("\tx")).isEqualTo("'\tx");
        assertThat(SalesCsv.text("\rx")).isEqualTo("'\rx");
        assertThat(SalesCsv.text("Müller = 1")).isEqualTo("Müller = 1");
        assertThat(SalesCsv.text(null)).isNull();
    }

    @Test
    void germanAndChineseReadersGetTheirLabelsAndTheirWayOfWritingMoney() throws Exception {
        try (PDDocument document = Loader.loadPDF(write(ReportFormat.PDF, Locale.GERMAN))) {
            assertThat(pdfText(document)).contains("Verkaufsbericht", "Übersicht je Währung",
                    "Zeitraum: 01.03.2027 bis 07.03.2027", "Veranstaltungen: Frühlingskonzert", "Ticketarten: alle",
                    "Zahlen aus dem schreibgeschützten Replikat gelesen.", "1.308,00 €", "1.278,60 €",
                    "Teilweise erstattet", "Seite 1 von");
        }
        byte[] chinese = write(ReportFormat.PDF, Locale.SIMPLIFIED_CHINESE);
        Files.write(Path.of("target/sales-zh-CN.pdf"), chinese);
        try (PDDocument document = Loader.loadPDF(chinese)) {
            assertThat(pdfText(document)).contains("销售报表", "按币种汇总", "票种：全部",
                    "¥1,852.00", "¥1,664.00", "部分退款", "支付宝", "第 1 页 共 ");
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write(ReportFormat.XLSX, Locale.GERMAN)))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("Übersicht", "Gutscheine", "Nach Veranstaltung", "Nach Ticketart",
                    "Nach Tag", "Nach Zahlungsart", "Positionen");
        }
        byte[] csv = write(ReportFormat.CSV, Locale.SIMPLIFIED_CHINESE);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("订单,订单 ID,支付时间,购买人,电子邮箱");
    }

    @Test
    void theLinesAreReadOnceAndAPrimaryReadSaysNothingAboutAReplica() throws Exception {
        AtomicInteger nexts = new AtomicInteger();
        Iterator<SalesLine> source = SalesFixture.lines().iterator();
        Iterator<SalesLine> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public SalesLine next() {
                nexts.incrementAndGet();
                return source.next();
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        documents.write(SalesFixture.report(ReadSource.PRIMARY), ReportFormat.PDF, Locale.ENGLISH, counting, out);
        assertThat(nexts).hasValue(SalesFixture.lines().size());
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(pdfText(document)).doesNotContain("replica");
        }
        byte[] down = write(SalesFixture.report(ReadSource.PRIMARY_REPLICA_DOWN), ReportFormat.PDF, Locale.ENGLISH,
                SalesFixture.lines());
        try (PDDocument document = Loader.loadPDF(down)) {
            assertThat(pdfText(document)).contains("The replica could not be reached");
        }
    }

    @Test
    void aPeriodWithoutSalesStillSaysWhatItCovers() throws Exception {
        SalesReport empty = SalesFixture.report(List.of(), ReadSource.PRIMARY);
        try (PDDocument document = Loader.loadPDF(write(empty, ReportFormat.PDF, Locale.ENGLISH, List.of()))) {
            assertThat(pdfText(document)).contains("Konzerthaus Lotus", "No sales in this period.",
                    "Events: Frühlingskonzert");
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write(empty, ReportFormat.XLSX,
                Locale.ENGLISH, List.of())))) {
            assertThat(workbook.getSheet("Lines")).isNotNull();
        }
    }

    /** The PDF's text with every run of white space as one space: cells wrap where their column is narrow. */
    private static String pdfText(PDDocument document) throws java.io.IOException {
        return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }

    private static Row rowStartingWith(Sheet sheet, String text) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (text.equals(text(cell))) {
                    return row;
                }
            }
        }
        throw new AssertionError("No row with " + text + " in " + sheet.getSheetName());
    }

    /** The cell {@code offset} places right of the one holding {@code text}. */
    private static Cell cellAfter(Row row, String text, int offset) {
        for (Cell cell : row) {
            if (text.equals(text(cell))) {
                return row.getCell(cell.getColumnIndex() + offset);
            }
        }
        throw new AssertionError("No " + text + " in row " + row.getRowNum());
    }

    private static String text(Cell cell) {
        return cell == null ? null : new DataFormatter(Locale.ENGLISH).formatCellValue(cell);
    }
}
