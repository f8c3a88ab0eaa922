package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.EventCancellation;
import io.ticketing.platform.domain.catalog.EventCancellations;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.security.StaffOnly;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Cancelling an event in the organizer API, on {@link EventCancellation} as the cancel page is: what it would touch,
 * the cancel itself (final; with {@code refund} every paid order is refunded once through its provider), the refund
 * run's progress, and trying failed refunds again.
 */
@StaffOnly
@Path("manage/events/{id}/cancel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ManageEventCancelResource {

    @Inject
    EventCancellation cancellation;

    /** What cancelling would touch, and the refund run so far. */
    @GET
    public String preview(@PathParam("id") long eventId) {
        EventCancellation.Preview preview = cancellation.preview(eventId);
        return JSON.createObjectBuilder().add("eventId", eventId).add("status", preview.event().getStatus().name())
                .add("impact", impact(preview.impact())).add("refunds", progress(cancellation.progress(eventId))).build().toString();
    }

    /** {@code {"refund": true}}: cancels (once; again only adds what is missing) and queues the refunds. */
    @POST
    public String cancel(@Context HttpServletRequest request, @PathParam("id") long eventId, String body) {
        JsonObject json = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonFields.parse(body);
        boolean refund = json.getBoolean("refund", false);
        EventCancellation.Cancelled done = cancellation.cancel(SignedInUser.actorOf(request), eventId, refund);
        return JSON.createObjectBuilder().add("eventId", eventId).add("status", done.event().getStatus().name())
                .add("newlyCancelled", done.newlyCancelled()).add("unpaidOrdersCancelled", done.unpaidCancelled())
                .add("holdsReleased", done.holdsReleased()).add("refundsQueued", done.refundsQueued())
                .add("refunds", progress(done.progress())).build().toString();
    }

    /** Failed refunds are tried again by the next housekeeping round. */
    @POST
    @Path("retry")
    public String retry(@Context HttpServletRequest request, @PathParam("id") long eventId) {
        return progress(cancellation.retry(SignedInUser.actorOf(request), eventId)).build().toString();
    }

    private static JsonObjectBuilder impact(EventCancellations.Impact impact) {
        var paid = JSON.createArrayBuilder();
        impact.paid().forEach(p -> paid.add(JSON.createObjectBuilder().add("currency", p.currency()).add("orders", p.orders())
                .add("amount", JsonFields.money(io.ticketing.platform.domain.shared.Money.ofMinor(p.amountMinor(), p.currency())))));
        return JSON.createObjectBuilder().add("paidOrders", impact.paidOrders()).add("paid", paid)
                .add("validTickets", impact.validTickets()).add("unpaidOrders", impact.unpaidOrders()).add("activeHolds", impact.activeHolds());
    }

    static JsonObjectBuilder progress(EventCancellation.Progress p) {
        var failures = JSON.createArrayBuilder();
        p.failures().forEach(f -> failures.add(JSON.createObjectBuilder().add("orderId", f.orderId().toString())
                .add("reason", f.reason() == null ? "" : f.reason()).add("attempts", f.attempts())));
        var refunded = JSON.createArrayBuilder();
        p.refundedMinor().forEach((currency, minor) -> refunded.add(JsonFields.money(
                io.ticketing.platform.domain.shared.Money.ofMinor(minor, currency))));
        return JSON.createObjectBuilder().add("total", p.total()).add("refunded", p.refunded()).add("skipped", p.skipped())
                .add("failed", p.failed()).add("waiting", p.waiting()).add("finished", p.isFinished())
                .add("amounts", refunded).add("failures", failures);
    }
}
