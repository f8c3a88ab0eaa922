package io.ticketing.reporting.sales;

import io.ticketing.platform.domain.report.SalesFigures;
import io.ticketing.platform.domain.report.SalesLine;
import java.math.BigDecimal;
import java.util.Date;
import java.util.Iterator;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRField;

/**
 * The report's detail: each line taken from the cursor once, when Jasper asks for the next row, and never kept
 * (a filled page holds its own copies of the texts, and the virtualizer swaps those pages out).
 */
final class LineSource implements JRDataSource {

    private final Iterator<SalesLine> lines;
    private final SalesLabels labels;
    private final MoneyPatterns money;
    private SalesLine line;

    LineSource(Iterator<SalesLine> lines, SalesLabels labels, MoneyPatterns money) {
        this.lines = lines;
        this.labels = labels;
        this.money = money;
    }

    @Override
    public boolean next() {
        line = lines.hasNext() ? lines.next() : null;
        return line != null;
    }

    @Override
    public Object getFieldValue(JRField field) throws JRException {
        return switch (field.getName()) {
            case "orderNumber" -> line.orderNumber();
            case "paidAt" -> Date.from(line.paidAt());
            case "buyerName" -> line.buyerName();
            case "buyerEmail" -> line.buyerEmail();
            case "event" -> line.event();
            case "ticketType" -> line.ticketType();
            case "quantity" -> line.quantity();
            case "refundedQuantity" -> line.refundedQuantity();
            case "currency" -> line.currency();
            case "unitPrice" -> amount(line.unitPriceMinor());
            case "gross" -> amount(line.grossMinor());
            case "discount" -> amount(line.discountMinor());
            case "refunded" -> amount(line.refundedMinor());
            case "net" -> amount(line.netMinor());
            case "coupon" -> line.coupon();
            case "paymentMethod" -> labels.paymentMethod(line.paymentMethod());
            case "status" -> labels.status(line.status());
            case "moneyPattern" -> money.of(line.currency()).java();
            case "excelPattern" -> money.of(line.currency()).excel();
            default -> throw new JRException("The sales report has no line field " + field.getName());
        };
    }

    private BigDecimal amount(long minor) {
        return SalesFigures.amount(minor, line.currency());
    }
}
