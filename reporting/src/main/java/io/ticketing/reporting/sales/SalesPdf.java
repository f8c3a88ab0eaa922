package io.ticketing.reporting.sales;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfImportedPage;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesLine;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The sales report as one PDF: the designed pages Jasper laid out (shop band, filters, totals, chart, breakdowns)
 * imported as they are, then the order lines drawn straight onto pages of the same size, one line after another as
 * the cursor hands them over, and every page's footer ("Page 3 of 12", the total written once it is known).
 * <p>
 * Why the order lines are not Jasper's: each of their 2 million cells cost Jasper a text measurement, a styled
 * string, a font lookup and OpenPDF's column layout with a Bidi pass; 100,000 orders took 27 s of one core. Drawn
 * here, a cell is a width sum and a show-text operator (bench/README.md, "Sales reports"). The look is the layout's:
 * same page, margins, fonts, columns, header shading and rule under each line.
 */
final class SalesPdf implements AutoCloseable {

    private static final float PAGE_WIDTH = 842;
    private static final float PAGE_HEIGHT = 595;
    private static final float LEFT = 20;
    private static final float TOP = 20;
    /** Bottom margin and the footer band above it, as in sales.jrxml. */
    private static final float FOOTER_TOP = PAGE_HEIGHT - 16 - 16;
    private static final float CONTENT_WIDTH = 802;

    private static final Color TEXT = new Color(0x1F2328);
    private static final Color MUTED = new Color(0x59636E);
    private static final Color HEADER_FILL = new Color(0xEAEEF2);
    private static final Color RULE = new Color(0xD0D7DE);

    private static final float SIZE = 7;
    private static final float TITLE_SIZE = 11;
    private static final float PADDING_X = 2;
    private static final float PADDING_Y = 1;
    private static final float MIN_ROW = 13;
    private static final float MIN_HEADER = 16;
    private static final float TITLE_HEIGHT = 22;
    private static final float SECTION_GAP = 8;

    private final PdfFontSet fonts = PdfFontSet.report();
    private final SalesLabels labels;
    private final String footerText;
    private final Document document;
    private final PdfWriter writer;
    private final PdfContentByte content;
    private final PdfTemplate totalPages;
    private final float lineHeight;
    private final float ascent;

    private final DateTimeFormatter moment;
    private final NumberFormat count;
    private final MoneyPatterns money;
    private final Map<String, NumberFormat> amounts = new HashMap<>();

    private int pages;
    /** Distance from the top of the page to where the next line may start. */
    private float y;

    SalesPdf(OutputStream out, SalesLabels labels, MoneyPatterns money, ZoneId zone, String title, String shopName,
             String generatedAt) throws IOException {
        this.labels = labels;
        this.money = money;
        this.footerText = labels.get("footer.generated", shopName, generatedAt);
        this.moment = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(labels.locale()).withZone(zone);
        this.count = NumberFormat.getIntegerInstance(labels.locale());
        this.lineHeight = fonts.lineHeight(SIZE);
        this.ascent = fonts.ascent(SIZE);
        document = new Document(new Rectangle(PAGE_WIDTH, PAGE_HEIGHT), 0, 0, 0, 0);
        try {
            writer = PdfWriter.getInstance(document, out);
        } catch (DocumentException e) {
            throw new IOException("Cannot start the sales report's PDF", e);
        }
        writer.setFullCompression();
        document.addTitle(title + " · " + shopName);
        document.addCreator("Ticketing");
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString(labels.locale().toLanguageTag()));
        document.open();
        content = writer.getDirectContent();
        totalPages = content.createTemplate(60, 12);
        totalPages.setBoundingBox(new Rectangle(0, -4, 60, 12));
    }

    /**
     * Each page of Jasper's PDF, as it is, with this document's footer; the order lines may start below
     * {@code lastPageBottom} (points from the top) on the last one.
     */
    void designedPages(byte[] pdf, float lastPageBottom) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                newPage();
                PdfImportedPage imported = writer.getImportedPage(reader, page);
                // Jasper writes a landscape page as a portrait one turned by /Rotate: turned back here
                switch (reader.getPageRotation(page)) {
                    case 90 -> content.addTemplate(imported, 0, -1, 1, 0, 0, PAGE_HEIGHT);
                    case 180 -> content.addTemplate(imported, -1, 0, 0, -1, PAGE_WIDTH, PAGE_HEIGHT);
                    case 270 -> content.addTemplate(imported, 0, 1, -1, 0, PAGE_WIDTH, 0);
                    default -> content.addTemplate(imported, 0, 0);
                }
            }
            writer.freeReader(reader);
        } finally {
            reader.close();
        }
        y = lastPageBottom + SECTION_GAP;
    }

    /** The order lines from a page of their own on; nothing when there are none. */
    void lines(Iterator<SalesLine> lines) {
        boolean started = false;
        while (lines.hasNext()) {
            SalesLine line = lines.next();
            Map<LineColumn, List<String>> cells = cells(line);
            float height = MIN_ROW;
            for (List<String> text : cells.values()) {
                height = Math.max(height, text.size() * lineHeight + 2 * PADDING_Y);
            }
            if (!started && pages > 0 && y + TITLE_HEIGHT + 2 * MIN_HEADER + height <= FOOTER_TOP) {
                heading();
            } else if (!started || y + height > FOOTER_TOP) {
                newPage();
                y = TOP;
                heading();
            }
            started = true;
            content.beginText();
            content.setColorFill(TEXT);
            for (Map.Entry<LineColumn, List<String>> cell : cells.entrySet()) {
                LineColumn column = cell.getKey();
                float baseline = y + PADDING_Y + ascent;
                for (String text : cell.getValue()) {
                    float size = SIZE;
                    float room = column.width - 2 * PADDING_X;
                    float x = column.x + PADDING_X;
                    if (column.kind.rightAligned()) {
                        float width = fonts.width(text, size);
                        if (width > room) {
                            // an amount too wide for its column is set smaller, never cut (Jasper's ScaleFont)
                            size = size * room / width;
                            width = room;
                        }
                        x = column.x + column.width - PADDING_X - width;
                    }
                    fonts.show(content, text, LEFT + x, PAGE_HEIGHT - baseline, size);
                    baseline += lineHeight;
                }
            }
            content.endText();
            float rule = PAGE_HEIGHT - (y + height - 1);
            content.setColorStroke(RULE);
            content.setLineWidth(0.25f);
            content.moveTo(LEFT, rule);
            content.lineTo(LEFT + CONTENT_WIDTH, rule);
            content.stroke();
            y += height;
        }
    }

    private Map<LineColumn, List<String>> cells(SalesLine line) {
        Map<LineColumn, List<String>> cells = new EnumMap<>(LineColumn.class);
        for (LineColumn column : LineColumn.values()) {
            if (!column.onPage()) {
                continue;
            }
            String text = text(line, column);
            if (text == null || text.isEmpty()) {
                continue;
            }
            if (column.kind.rightAligned()) {
                cells.put(column, List.of(text));
            } else {
                cells.put(column, wrapped(text, column.width - 2 * PADDING_X, SIZE));
            }
        }
        return cells;
    }

    private List<String> wrapped(String text, float width, float size) {
        List<String> lines = new ArrayList<>(2);
        for (String paragraph : text.split("\n", -1)) {
            lines.addAll(fonts.wrap(paragraph, width, size));
        }
        return lines;
    }

    private String text(SalesLine line, LineColumn column) {
        return switch (column) {
            case ORDER -> line.orderNumber();
            case PAID_AT -> moment.format(line.paidAt());
            case BUYER -> line.buyerName() + "\n" + line.buyerEmail();
            case EMAIL -> null;
            case EVENT -> line.event();
            case TICKET_TYPE -> line.ticketType();
            case QUANTITY -> count.format(line.quantity());
            case REFUNDED_QUANTITY -> count.format(line.refundedQuantity());
            case UNIT_PRICE -> amount(line, line.unitPriceMinor());
            case GROSS -> amount(line, line.grossMinor());
            case DISCOUNT -> amount(line, line.discountMinor());
            case REFUNDED -> amount(line, line.refundedMinor());
            case NET -> amount(line, line.netMinor());
            case COUPON -> line.coupon();
            case PAYMENT_METHOD -> labels.paymentMethod(line.paymentMethod());
            case STATUS -> labels.status(line.status());
        };
    }

    private String amount(SalesLine line, long minor) {
        NumberFormat format = amounts.computeIfAbsent(line.currency(), currency ->
                new DecimalFormat(money.of(currency).java(), DecimalFormatSymbols.getInstance(labels.locale())));
        return format.format(SalesFigures.amount(minor, line.currency()));
    }

    /** The section's title and the column headings, shaded, as tall as the tallest heading. */
    private void heading() {
        content.beginText();
        content.setColorFill(TEXT);
        fonts.show(content, labels.get("section.lines"), LEFT, PAGE_HEIGHT - (y + TITLE_HEIGHT - 5), TITLE_SIZE);
        content.endText();
        y += TITLE_HEIGHT;

        Map<LineColumn, List<String>> headings = new EnumMap<>(LineColumn.class);
        float height = MIN_HEADER;
        for (LineColumn column : LineColumn.values()) {
            if (column.onPage()) {
                List<String> text = wrapped(labels.get(column.pdfHeading()), column.width - 2 * PADDING_X, SIZE);
                headings.put(column, text);
                height = Math.max(height, text.size() * lineHeight + 2 * PADDING_Y);
            }
        }
        content.setColorFill(HEADER_FILL);
        content.rectangle(LEFT, PAGE_HEIGHT - (y + height), CONTENT_WIDTH, height);
        content.fill();
        content.beginText();
        content.setColorFill(TEXT);
        for (Map.Entry<LineColumn, List<String>> heading : headings.entrySet()) {
            LineColumn column = heading.getKey();
            float baseline = y + (height - heading.getValue().size() * lineHeight) / 2 + ascent;
            for (String text : heading.getValue()) {
                float x = column.kind.rightAligned()
                        ? column.x + column.width - PADDING_X - fonts.width(text, SIZE)
                        : column.x + PADDING_X;
                fonts.show(content, text, LEFT + x, PAGE_HEIGHT - baseline, SIZE);
                baseline += lineHeight;
            }
        }
        content.endText();
        y += height;
    }

    /** Starts a page and writes its footer: "generated" on the left, "Page n" and the total to come on the right. */
    private void newPage() {
        if (pages > 0) {
            document.newPage();
        }
        pages++;
        writer.setPageEmpty(false);
        float baseline = PAGE_HEIGHT - (FOOTER_TOP + 4 + fonts.ascent(SIZE));
        content.beginText();
        content.setColorFill(MUTED);
        fonts.show(content, footerText, LEFT, baseline, SIZE);
        String page = labels.get("footer.page", pages);
        fonts.show(content, page, LEFT + 760 - fonts.width(page, SIZE), baseline, SIZE);
        content.endText();
        content.addTemplate(totalPages, LEFT + 763, baseline);
    }

    /** Writes the number of pages into every footer and ends the document. */
    @Override
    public void close() {
        totalPages.beginText();
        totalPages.setColorFill(MUTED);
        fonts.show(totalPages, labels.get("footer.of", pages), 0, 0, SIZE);
        totalPages.endText();
        document.close();
    }
}
