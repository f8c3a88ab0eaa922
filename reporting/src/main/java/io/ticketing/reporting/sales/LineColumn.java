package io.ticketing.reporting.sales;

/**
 * The columns of the order lines, in both laid-out formats: the heading's label, what kind of value it holds, where it
 * sits on the PDF page (points from the left margin; the e-mail shares the buyer's cell there, under the name) and
 * how wide it is in the workbook (characters).
 */
enum LineColumn {
    ORDER("col.order", Kind.TEXT, 0, 46, 10),
    PAID_AT("col.paidAt", Kind.MOMENT, 46, 56, 17),
    BUYER("col.buyerName", Kind.TEXT, 102, 110, 24),
    EMAIL("col.buyerEmail", Kind.TEXT, -1, 0, 28),
    EVENT("col.event", Kind.TEXT, 212, 78, 28),
    TICKET_TYPE("col.ticketType", Kind.TEXT, 290, 56, 16),
    QUANTITY("col.quantity", Kind.COUNT, 346, 26, 6),
    REFUNDED_QUANTITY("col.refundedQuantity", Kind.COUNT, 372, 36, 10),
    UNIT_PRICE("col.unitPrice", Kind.MONEY, 408, 52, 13),
    GROSS("col.gross", Kind.MONEY, 460, 52, 13),
    DISCOUNT("col.discount", Kind.MONEY, 512, 48, 12),
    REFUNDED("col.refunded", Kind.MONEY, 560, 48, 16),
    NET("col.net", Kind.MONEY, 608, 52, 13),
    COUPON("col.coupon", Kind.TEXT, 660, 46, 14),
    PAYMENT_METHOD("col.paymentMethod", Kind.TEXT, 706, 46, 18),
    STATUS("col.status", Kind.TEXT, 752, 50, 18);

    enum Kind {
        TEXT, MOMENT, COUNT, MONEY;

        boolean rightAligned() {
            return this == COUNT || this == MONEY;
        }
    }

    final String heading;
    final Kind kind;
    /** Left edge on the page, or -1 where the column shares the cell before it. */
    final float x;
    final float width;
    final int sheetCharacters;

    LineColumn(String heading, Kind kind, float x, float width, int sheetCharacters) {
        this.heading = heading;
        this.kind = kind;
        this.x = x;
        this.width = width;
        this.sheetCharacters = sheetCharacters;
    }

    /** The PDF's heading for the shared buyer cell says "Buyer"; the workbook's columns name name and e-mail. */
    String pdfHeading() {
        return this == BUYER ? "col.buyer" : heading;
    }

    boolean onPage() {
        return x >= 0;
    }
}
