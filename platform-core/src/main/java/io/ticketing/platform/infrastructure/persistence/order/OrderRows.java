package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.domain.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/** How an order is read from its row: one column list and one reader for lookups and searches. */
final class OrderRows {

    static final String COLUMNS = """
            id, buyer, buyer_email, status, currency, subtotal_minor, discount_minor, total_minor, refunded_minor,
            provider, payment_ref, payment_url, needs_review, created_at, expires_at, paid_at,
            (SELECT count(*) FROM ticket t WHERE t.order_id = customer_order.id AND t.status = 'VALID')""";

    private OrderRows() {
    }

    static OrderView view(ResultSet r, List<PricedLine> lines, BuyerDataCipher cipher) throws SQLException {
        String currency = r.getString(5);
        Timestamp paid = r.getTimestamp(16);
        return new OrderView(r.getObject(1, UUID.class), r.getString(2), cipher.open(r.getString(3)), OrderStatus.valueOf(r.getString(4)),
                lines, Money.ofMinor(r.getLong(6), currency), Money.ofMinor(r.getLong(7), currency),
                Money.ofMinor(r.getLong(8), currency), Money.ofMinor(r.getLong(9), currency), r.getString(10),
                r.getString(11), r.getString(12), r.getString(13), r.getTimestamp(14).toInstant(),
                r.getTimestamp(15).toInstant(), paid == null ? null : paid.toInstant(), r.getInt(17));
    }
}
