package io.ticketing.storefront;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.GuestCheckout;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.order.PricedLine;
import io.ticketing.platform.json.JsonFields;
import jakarta.json.JsonObjectBuilder;

/** An order in JSON, as its buyer and as staff see it: one writer for the shop's and the back office's APIs. */
public final class OrderJson {

    private OrderJson() {
    }

    /** An order as staff see it: what the buyer sees, and who bought, what was refunded, why it is flagged. */
    public static JsonObjectBuilder staffView(OrderView order) {
        return buyerView(order).add("buyerEmail", order.buyerEmail()).add("guest", GuestCheckout.isGuest(order.buyer())).add("refunded", JsonFields.money(order.refunded()))
                .add("needsReview", order.needsReview() == null ? "" : order.needsReview());
    }

    public static JsonObjectBuilder buyerView(OrderView order) {
        var lines = JSON.createArrayBuilder();
        for (PricedLine line : order.lines()) {
            lines.add(JSON.createObjectBuilder().add("ticketTypeId", line.ticketTypeId()).add("name", line.name())
                    .add("quantity", line.quantity()).add("unitPrice", JsonFields.money(line.unitPrice()))
                    .add("discount", JsonFields.money(line.discount())).add("total", JsonFields.money(line.net())));
        }
        var out = JSON.createObjectBuilder()
                .add("orderId", order.id().toString())
                .add("status", order.status().name())
                .add("lines", lines)
                .add("subtotal", JsonFields.money(order.subtotal()))
                .add("discount", JsonFields.money(order.discount()))
                .add("total", JsonFields.money(order.total()))
                .add("createdAt", order.createdAt().toString())
                .add("expiresAt", order.expiresAt().toString())
                .add("tickets", order.tickets());
        if (order.paymentUrl() != null && order.status().isOpen()) {
            out.add("paymentUrl", order.paymentUrl());
        }
        if (order.paidAt() != null) {
            out.add("paidAt", order.paidAt().toString());
        }
        return out;
    }
}
