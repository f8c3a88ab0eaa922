package io.ticketing.reporting.sales;

import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesLine;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * The workbook's sheet of order lines, written as the cursor hands the lines over (Apache POI's streaming SXSSF: a
 * window of rows in the heap, the rest already in a compressed temporary file). One row per line under a frozen
 * heading row; the date a date cell, quantities and amounts numbers in their currency's format, text as text (never
 * a formula, whatever a buyer typed as a name).
 */
final class LinesSheet {

    private final SXSSFWorkbook workbook;
    private final SalesLabels labels;
    private final MoneyPatterns money;
    private final ZoneId zone;
    private final CellStyle moment;
    private final CellStyle count;
    private final Map<String, CellStyle> amounts = new HashMap<>();

    LinesSheet(SXSSFWorkbook workbook, SalesLabels labels, MoneyPatterns money, ZoneId zone) {
        this.workbook = workbook;
        this.labels = labels;
        this.money = money;
        this.zone = zone;
        this.moment = style("yyyy-mm-dd hh:mm");
        this.count = style("#,##0");
    }

    void write(Iterator<SalesLine> lines) {
        SXSSFSheet sheet = workbook.createSheet(labels.get("sheet.lines"));
        LineColumn[] columns = LineColumn.values();
        Row header = sheet.createRow(0);
        CellStyle heading = headingStyle();
        for (int c = 0; c < columns.length; c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(labels.get(columns[c].heading));
            cell.setCellStyle(heading);
            sheet.setColumnWidth(c, columns[c].sheetCharacters * 256);
        }
        sheet.createFreezePane(0, 1);
        int r = 1;
        while (lines.hasNext()) {
            SalesLine line = lines.next();
            Row row = sheet.createRow(r++);
            for (int c = 0; c < columns.length; c++) {
                fill(row, c, columns[c], line);
            }
        }
    }

    private void fill(Row row, int c, LineColumn column, SalesLine line) {
        switch (column) {
            case ORDER -> text(row, c, line.orderNumber());
            case PAID_AT -> {
                Cell cell = row.createCell(c);
                cell.setCellValue(LocalDateTime.ofInstant(line.paidAt(), zone));
                cell.setCellStyle(moment);
            }
            case BUYER -> text(row, c, line.buyerName());
            case EMAIL -> text(row, c, line.buyerEmail());
            case EVENT -> text(row, c, line.event());
            case TICKET_TYPE -> text(row, c, line.ticketType());
            case QUANTITY -> number(row, c, line.quantity(), count);
            case REFUNDED_QUANTITY -> number(row, c, line.refundedQuantity(), count);
            case UNIT_PRICE -> amount(row, c, line, line.unitPriceMinor());
            case GROSS -> amount(row, c, line, line.grossMinor());
            case DISCOUNT -> amount(row, c, line, line.discountMinor());
            case REFUNDED -> amount(row, c, line, line.refundedMinor());
            case NET -> amount(row, c, line, line.netMinor());
            case COUPON -> text(row, c, line.coupon());
            case PAYMENT_METHOD -> text(row, c, labels.paymentMethod(line.paymentMethod()));
            case STATUS -> text(row, c, labels.status(line.status()));
        }
    }

    private static void text(Row row, int c, String text) {
        if (text != null && !text.isEmpty()) {
            row.createCell(c).setCellValue(text);
        }
    }

    private static void number(Row row, int c, double value, CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private void amount(Row row, int c, SalesLine line, long minor) {
        CellStyle style = amounts.computeIfAbsent(line.currency(), currency -> style(money.of(currency).excel()));
        number(row, c, SalesFigures.amount(minor, line.currency()).doubleValue(), style);
    }

    private CellStyle style(String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        style.setVerticalAlignment(VerticalAlignment.TOP);
        return style;
    }

    /** The layout's heading shade, in bold. */
    private CellStyle headingStyle() {
        XSSFCellStyle style = (XSSFCellStyle) workbook.createCellStyle();
        style.setFillForegroundColor(new XSSFColor(new byte[] {(byte) 0xEA, (byte) 0xEE, (byte) 0xF2}));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(true);
        Font bold = workbook.createFont();
        bold.setBold(true);
        style.setFont(bold);
        return style;
    }
}
