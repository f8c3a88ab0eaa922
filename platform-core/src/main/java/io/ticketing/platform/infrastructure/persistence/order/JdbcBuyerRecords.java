package io.ticketing.platform.infrastructure.persistence.order;

import io.ticketing.platform.domain.order.BuyerRecords;
import io.ticketing.platform.infrastructure.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A buyer's records in the current tenant transaction, found by the blind index of their e-mail address. */
@ApplicationScoped
public class JdbcBuyerRecords implements BuyerRecords {

    static final String ERASED = "(erased)";

    @Inject
    BuyerDataCipher cipher;

    @Override
    public Found find(String email) {
        return Sql.query(c -> {
            String index = cipher.emailIndex(email);
            Array subjects = c.createArrayOf("varchar", subjects(c, index, false).toArray());
            List<BuyerOrder> orders = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT o.id, o.buyer, o.buyer_email, o.buyer_name, o.buyer_phone, jsonb_build_object(
                           'status', o.status, 'createdAt', o.created_at, 'paidAt', o.paid_at, 'currency', o.currency,
                           'subtotalMinor', o.subtotal_minor, 'discountMinor', o.discount_minor, 'totalMinor', o.total_minor,
                           'refundedMinor', o.refunded_minor, 'coupon', (SELECT code FROM coupon WHERE id = o.coupon_id),
                           'provider', o.provider, 'paymentRef', o.payment_ref, 'smsConfirmation', o.sms_confirmation,
                           'lines', coalesce((SELECT jsonb_agg(jsonb_build_object('ticketTypeId', l.ticket_type_id, 'name', l.name,
                                       'quantity', l.quantity, 'unitPriceMinor', l.unit_price_minor, 'discountMinor', l.discount_minor,
                                       'refundedQuantity', l.refunded_quantity) ORDER BY l.ticket_type_id)
                                  FROM order_line l WHERE l.order_id = o.id), '[]'),
                           'tickets', coalesce((SELECT jsonb_agg(jsonb_build_object('code', t.code, 'ticketTypeId', t.ticket_type_id,
                                       'status', t.status, 'issuedAt', t.issued_at) ORDER BY t.issued_at, t.code)
                                  FROM ticket t WHERE t.order_id = o.id), '[]'),
                           'refunds', coalesce((SELECT jsonb_agg(jsonb_build_object('amountMinor', r.amount_minor, 'status', r.status,
                                       'reason', r.reason, 'createdAt', r.created_at) ORDER BY r.created_at)
                                  FROM refund r WHERE r.order_id = o.id), '[]'))
                      FROM customer_order o WHERE o.buyer_email_index = ? OR o.buyer = ANY (?) ORDER BY o.created_at, o.id""")) {
                s.setString(1, index);
                s.setArray(2, subjects);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        orders.add(new BuyerOrder(r.getObject(1, UUID.class), r.getString(2), cipher.open(r.getString(3)),
                                cipher.open(r.getString(4)), cipher.open(r.getString(5)), r.getString(6)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT coalesce(jsonb_agg(jsonb_build_object('holdId', h.id, 'status', h.status, 'createdAt', h.created_at,
                           'expiresAt', h.expires_at, 'lines', (SELECT jsonb_agg(jsonb_build_object('ticketTypeId', l.ticket_type_id,
                           'quantity', l.quantity)) FROM hold_line l WHERE l.hold_id = h.id)) ORDER BY h.created_at), '[]')
                      FROM hold h WHERE h.buyer = ANY (?)""")) {
                s.setArray(1, subjects);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Found(orders, r.getString(1));
                }
            }
        });
    }

    @Override
    public int openOrders(String email) {
        return Sql.query(c -> {
            String index = cipher.emailIndex(email);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT count(*) FROM customer_order WHERE status = 'PENDING' AND (buyer_email_index = ? OR buyer = ANY (?))""")) {
                s.setString(1, index);
                s.setArray(2, c.createArrayOf("varchar", subjects(c, index, true).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public int erase(String email) {
        return Sql.query(c -> {
            String index = cipher.emailIndex(email);
            String erased = cipher.seal(ERASED);
            int touched = 0;
            for (String subject : subjects(c, index, true)) {
                // A random pseudonym per identity: the records stay one person's, and nobody can say whose.
                String pseudonym = "erased:" + UUID.randomUUID();
                touched += update(c, "UPDATE customer_order SET buyer = ?, buyer_email = ?, buyer_name = NULL, buyer_email_index = NULL, "
                        + "buyer_phone = NULL, sms_confirmation = false WHERE buyer = ?", pseudonym, erased, subject);
                update(c, "UPDATE hold SET buyer = ?, client_key = NULL WHERE buyer = ?", pseudonym, subject);
            }
            return touched + update(c, "UPDATE customer_order SET buyer_email = ?, buyer_name = NULL, buyer_email_index = NULL, "
                    + "buyer_phone = NULL, sms_confirmation = false WHERE buyer_email_index = ?", erased, index);
        });
    }

    /** The buyer identities that ordered with this address; locked for an erasure. */
    private static List<String> subjects(Connection c, String index, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT buyer FROM customer_order WHERE buyer_email_index = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, index);
            List<String> subjects = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!subjects.contains(r.getString(1))) {
                        subjects.add(r.getString(1));
                    }
                }
            }
            return subjects;
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }
}
