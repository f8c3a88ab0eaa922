package io.ticketing.reporting.sales;

import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesLine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The detail lines as CSV (RFC 4180: commas, CRLF, quotes where needed), UTF-8 with a byte order mark so that Excel
 * opening the file by double-click reads umlauts and Chinese as such. Amounts are plain decimals in major units
 * ({@code 1234.50}), quantities integers, the payment time ISO-8601 with the offset of the report's zone; a text cell
 * a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV injection").
 */
final class SalesCsv {

    static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final String[] COLUMNS = {"col.order", "col.paidAt", "col.buyerName", "col.buyerEmail", "col.event",
        "col.ticketType", "col.quantity", "col.refundedQuantity", "col.currency", "col.unitPrice", "col.gross",
        "col.discount", "col.refunded", "col.net", "col.coupon", "col.paymentMethod", "col.status"};

    private final SalesLabels labels;
    private final ZoneId zone;

    SalesCsv(SalesLabels labels, ZoneId zone) {
        this.labels = labels;
        this.zone = zone;
    }

    void write(Iterator<SalesLine> lines, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        for (String column : COLUMNS) {
            csv.print(text(labels.get(column)));
        }
        csv.println();
        while (lines.hasNext()) {
            SalesLine line = lines.next();
            csv.printRecord(text(line.orderNumber()), line.paidAt().atZone(zone).format(PAID_AT),
                    text(line.buyerName()), text(line.buyerEmail()), text(line.event()), text(line.ticketType()),
                    line.quantity(), line.refundedQuantity(), line.currency(),
                    amount(line.unitPriceMinor(), line), amount(line.grossMinor(), line),
                    amount(line.discountMinor(), line), amount(line.refundedMinor(), line), amount(line.netMinor(), line),
                    text(line.coupon()), text(labels.paymentMethod(line.paymentMethod())),
                    text(labels.status(line.status())));
        }
        csv.flush();
    }

    private static String amount(long minor, SalesLine line) {
        return SalesFigures.amount(minor, line.currency()).toPlainString();
    }

    /** Text as a spreadsheet shows it, never run: a cell starting like a formula is prefixed with an apostrophe. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
