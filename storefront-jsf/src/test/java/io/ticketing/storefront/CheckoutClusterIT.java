package io.ticketing.storefront;

import static io.ticketing.storefront.ClusterTestSupport.queryLong;
import static io.ticketing.storefront.ClusterTestSupport.queryText;
import static io.ticketing.storefront.ClusterTestSupport.runAll;
import static io.ticketing.storefront.ClusterTestSupport.sql;
import static io.ticketing.storefront.ClusterTestSupport.stopAll;
import static io.ticketing.storefront.ClusterTestSupport.storefrontNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkout and payment callbacks on two Payara Micro nodes with the real PostgreSQL and Keycloak:
 * hold, order (idempotent), signed sandbox callback, PAID with tickets and an outbox row; then a
 * storm of replayed, duplicated and forged callbacks delivered to both nodes at once. Every count
 * is checked with plain SQL.
 */
class CheckoutClusterIT {

    private static final String PASSWORD = "buyer-pass-1";
    private static final int BUYERS = 4;
    private static final int NEW_GUESTS_PER_MINUTE = 6;
    private static final DataSource DB = ClusterTestSupport.DB;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RealmFixtures fixtures;
    private static RealmFixtures.TenantRealm shop;
    private static RealmFixtures.TenantRealm otherShop;
    private static CatalogFixtures catalog;
    private static long venue;
    private static final Map<Integer, String> TOKENS = new ConcurrentHashMap<>();
    private static PayaraMicroNode node1;
    private static PayaraMicroNode node2;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new RealmFixtures();
        shop = fixtures.tenant("pay-a", "http://127.0.0.1");
        otherShop = fixtures.tenant("pay-b", "http://127.0.0.1");
        for (int b = 0; b < BUYERS; b++) {
            fixtures.user(shop, email(b), PASSWORD);
        }
        catalog = new CatalogFixtures(DB, shop.tenant());
        venue = catalog.venue("Hall", "Turku", "FI", ZoneId.of("Europe/Helsinki"));
        int hz1 = PayaraMicroNode.freePort();
        int hz2 = PayaraMicroNode.freePort();
        String cluster = "pay-" + ProcessHandle.current().pid();
        Map<String, String> settings = Map.of("ticketing.guests.new-per-minute-per-address", String.valueOf(NEW_GUESTS_PER_MINUTE));
        node1 = storefrontNode("pay1", hz1, List.of(hz1, hz2), cluster, settings);
        node2 = storefrontNode("pay2", hz2, List.of(hz1, hz2), cluster, settings);
        node1.awaitReady(URI.create(base(node1, slug()) + "api/events"), Duration.ofMinutes(4));
        node2.awaitReady(URI.create(base(node2, slug()) + "api/events"), Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        stopAll(fixtures, node1, node2);
    }

    @Test
    void holdOrderSignedCallbackPaidTicketsAndOutbox() throws Exception {
        long type = ticketType("Full flow", 50, 2500);
        double createdBefore = counted("ticketing_orders_created_total", null);
        double paidBefore = counted("ticketing_orders_paid_total", null);
        double acceptedBefore = counted("ticketing_payment_callbacks_total", "accepted");
        String hold = holdId(node1, 0, type, 2);

        HttpResponse<String> placed = order(node1, 0, "key-full-flow-1", "{\"holdIds\": [\"" + hold + "\"]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonObject order = json(placed);
        String orderId = order.getString("orderId");
        assertThat(order.getString("status")).isEqualTo("PENDING");
        assertThat(order.getJsonObject("total").getString("amount")).isEqualTo("50.00");
        assertThat(order.getString("paymentUrl")).contains("/api/sandbox/pay/sbx_");

        // a double click, on the other node: the same order, not a second one
        HttpResponse<String> again = order(node2, 0, "key-full-flow-1", "{\"holdIds\": [\"" + hold + "\"]}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).getString("orderId")).isEqualTo(orderId);
        HttpResponse<String> otherBody = order(node2, 0, "key-full-flow-1", "{\"holdIds\": [\"" + hold + "\"], \"couponCode\": \"NOPE\"}");
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.body()).contains("idempotency_key_reused");
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE idempotency_key = 'key-full-flow-1'")).isEqualTo(1);

        String ref = paymentRef(orderId);
        HttpResponse<String> paid = callback(node2, "evt-full-1", "payment.paid", ref, Money.ofMinor(5000, "EUR"), secret(shop), Instant.now());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        JsonObject after = json(send(node1, 0, "GET", "api/orders/" + orderId, null, null));
        assertThat(after.getString("status")).isEqualTo("PAID");
        assertThat(after.getInt("tickets")).isEqualTo(2);
        assertThat(count("SELECT count(DISTINCT code) FROM %s.ticket WHERE order_id = '" + orderId + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM %s.outbox WHERE topic = 'order.paid' AND payload->>'orderId' = '" + orderId + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.hold WHERE id = '" + hold + "' AND status = 'CONVERTED'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.hold_slot WHERE hold_id = '" + hold + "'")).as("sold seats stay taken").isEqualTo(2);
        // On both nodes' /metrics: one order made (the double click was not a second), paid once, one callback accepted.
        assertThat(counted("ticketing_orders_created_total", null) - createdBefore).isEqualTo(1);
        assertThat(counted("ticketing_orders_paid_total", null) - paidBefore).isEqualTo(1);
        assertThat(counted("ticketing_payment_callbacks_total", "accepted") - acceptedBefore).isEqualTo(1);

        // someone else's order is not found; no token is 401
        assertThat(send(node1, 1, "GET", "api/orders/" + orderId, null, null).statusCode()).isEqualTo(404);
        assertThat(send(node1, -1, "POST", "api/orders", "{\"holdIds\": []}", "key-anonymous-1").statusCode()).isEqualTo(401);
    }

    @Test
    void aThousandCallbacksReplayedDuplicatedAndForgedOnBothNodesPayEachOrderOnce() throws Exception {
        int orders = 40;
        long type = ticketType("Storm", 1000, 1200);
        double paidBefore = counted("ticketing_orders_paid_total", null);
        double acceptedBefore = counted("ticketing_payment_callbacks_total", "accepted");
        double replayedBefore = counted("ticketing_payment_callbacks_total", "replayed");
        double refusedBefore = counted("ticketing_payment_callbacks_total", "refused");
        List<String> refs = new ArrayList<>();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            int buyer = i % BUYERS;
            String hold = holdId(i % 2 == 0 ? node1 : node2, buyer, type, 1);
            JsonObject order = json(order(node1, buyer, "storm-key-" + i, "{\"holdIds\": [\"" + hold + "\"]}"));
            orderIds.add(order.getString("orderId"));
            refs.add(paymentRef(order.getString("orderId")));
        }
        String secret = secret(shop);
        String strangerSecret = secret(otherShop);
        Money price = Money.ofMinor(1200, "EUR");
        List<Callable<Integer>> deliveries = new ArrayList<>();
        AtomicInteger forged = new AtomicInteger();
        for (int i = 0; i < orders; i++) {
            String ref = refs.get(i);
            String event = "evt-storm-" + i;
            // the genuine event, 10 times on each node
            for (int copy = 0; copy < 20; copy++) {
                PayaraMicroNode node = copy % 2 == 0 ? node1 : node2;
                deliveries.add(() -> callback(node, event, "payment.paid", ref, price, secret, Instant.now()).statusCode());
            }
            // forgeries: another shop's secret, a stale timestamp, a tampered amount, a made-up event
            deliveries.add(() -> forged(callback(node1, event, "payment.paid", ref, price, strangerSecret, Instant.now()), forged));
            deliveries.add(() -> forged(callback(node2, event, "payment.paid", ref, price, secret, Instant.now().minusSeconds(600)), forged));
            int n = i;
            deliveries.add(() -> forged(tampered(node1, event, ref, secret), forged));
            deliveries.add(() -> forged(callback(node2, "evt-fake-" + n, "payment.paid", ref, price, "not-the-secret-at-all-0123456789", Instant.now()), forged));
            deliveries.add(() -> forged(callback(node1, "evt-fake-cancel-" + n, "payment.cancelled", ref, price, strangerSecret, Instant.now()), forged));
        }
        Collections.shuffle(deliveries);
        List<Integer> statuses = runAll(deliveries, 16);
        assertThat(statuses).hasSize(orders * 25).allMatch(s -> s == 200 || s == 400);
        assertThat(forged).as("every forgery refused with 400").hasValue(orders * 5);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(orders * 20L);

        // a cancellation that arrives after the payment changes nothing
        for (int i = 0; i < orders; i++) {
            assertThat(callback(node2, "evt-late-cancel-" + i, "payment.cancelled", refs.get(i), price, secret, Instant.now()).statusCode())
                    .isEqualTo(200);
        }
        String ids = "('" + String.join("','", orderIds) + "')";
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE status = 'PAID' AND id IN " + ids)).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM %s.ticket WHERE order_id IN " + ids)).as("one ticket per seat, never two").isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM %s.outbox WHERE topic = 'order.paid' AND payload->>'orderId' IN " + ids)).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE needs_review IS NOT NULL AND id IN " + ids)).isZero();
        String events = "event_id LIKE 'evt-storm-%%' OR event_id LIKE 'evt-fake-%%'";
        assertThat(count("SELECT count(*) FROM %s.payment_callback WHERE (" + events + ") AND signature_ok AND NOT replay")).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM %s.payment_callback WHERE (" + events + ") AND signature_ok AND replay")).isEqualTo(orders * 19L);
        assertThat(count("SELECT count(*) FROM %s.payment_callback WHERE NOT signature_ok")).isGreaterThanOrEqualTo(orders * 5L);
        // What an operator's dashboard shows of the storm: each order paid once, the copies as replays, forgeries refused.
        assertThat(counted("ticketing_orders_paid_total", null) - paidBefore).isEqualTo(orders);
        assertThat(counted("ticketing_payment_callbacks_total", "accepted") - acceptedBefore).as("the payments and the late cancellations")
                .isEqualTo(orders * 2);
        assertThat(counted("ticketing_payment_callbacks_total", "replayed") - replayedBefore).isEqualTo(orders * 19);
        assertThat(counted("ticketing_payment_callbacks_total", "refused") - refusedBefore).isEqualTo(orders * 5);
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderAndItsTicketsGoBackOnSale() throws Exception {
        long type = ticketType("Declined", 3, 900);
        String hold = holdId(node1, 2, type, 3);
        assertThat(send(node2, 3, "POST", "api/holds", "{\"ticketTypeId\": " + type + "}", null).statusCode()).isEqualTo(409);
        String orderId = json(order(node1, 2, "key-declined-1", "{\"holdIds\": [\"" + hold + "\"]}")).getString("orderId");
        assertThat(callback(node1, "evt-declined-1", "payment.declined", paymentRef(orderId), Money.ofMinor(2700, "EUR"),
                secret(shop), Instant.now()).statusCode()).isEqualTo(200);
        assertThat(json(send(node2, 2, "GET", "api/orders/" + orderId, null, null)).getString("status")).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM %s.hold_slot WHERE hold_id = '" + hold + "'")).isZero();
        assertThat(send(node2, 3, "POST", "api/holds", "{\"ticketTypeId\": " + type + "}", null).statusCode())
                .as("the released seats sell again").isEqualTo(201);
        // the money arrives anyway, late, and the seats are gone: it is given back, and the organizer is told
        assertThat(callback(node2, "evt-declined-late-pay", "payment.paid", paymentRef(orderId), Money.ofMinor(2700, "EUR"),
                secret(shop), Instant.now()).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + orderId
                + "' AND status = 'REFUNDED' AND refunded_minor = 2700 AND needs_review LIKE '%%refunded%%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.ticket WHERE order_id = '" + orderId + "'")).isZero();

        // late money while seats are still there: the order is honoured with fresh seats
        long roomy = ticketType("Declined roomy", 5, 900);
        String roomyHold = holdId(node2, 2, roomy, 2);
        String honoured = json(order(node2, 2, "key-declined-2", "{\"holdIds\": [\"" + roomyHold + "\"]}")).getString("orderId");
        callback(node1, "evt-declined-2", "payment.cancelled", paymentRef(honoured), Money.ofMinor(1800, "EUR"), secret(shop), Instant.now());
        assertThat(json(send(node1, 2, "GET", "api/orders/" + honoured, null, null)).getString("status")).isEqualTo("CANCELLED");
        assertThat(callback(node2, "evt-declined-2-late-pay", "payment.paid", paymentRef(honoured), Money.ofMinor(1800, "EUR"),
                secret(shop), Instant.now()).body()).contains("late payment honoured");
        JsonObject kept = json(send(node1, 2, "GET", "api/orders/" + honoured, null, null));
        assertThat(kept.getString("status")).isEqualTo("PAID");
        assertThat(kept.getInt("tickets")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM %s.hold_slot WHERE ticket_type_id = " + roomy)).as("two seats taken again").isEqualTo(2);
    }

    @Test
    void theSandboxPageSendsSignedCallbacksDuplicatedAndDelayedOnRequest() throws Exception {
        long type = ticketType("Sandbox page", 10, 1500);
        String hold = holdId(node2, 1, type, 1);
        JsonObject order = json(order(node2, 1, "key-sandbox-page-1", "{\"holdIds\": [\"" + hold + "\"]}"));
        String orderId = order.getString("orderId");
        String page = order.getString("paymentUrl");
        assertThat(send(node2, 1, "DELETE", "api/holds/" + hold, null, null).statusCode())
                .as("a hold being paid for is not released behind its order's back").isEqualTo(409);

        HttpResponse<String> shown = HTTP.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("15.00 EUR").contains("Pay");
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pay&duplicates=3")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(json(send(node1, 1, "GET", "api/orders/" + orderId, null, null)).getString("status")).isEqualTo("PAID");
        String ref = paymentRef(orderId);
        assertThat(count("SELECT count(*) FROM %s.payment_callback WHERE payment_ref = '" + ref + "' AND signature_ok AND replay"))
                .as("the two copies were recognised as replays").isEqualTo(2);

        // a decline sent twice, half a second later
        String second = holdId(node2, 1, type, 1);
        JsonObject declined = json(order(node2, 1, "key-sandbox-page-2", "{\"holdIds\": [\"" + second + "\"]}"));
        HTTP.send(HttpRequest.newBuilder(URI.create(declined.getString("paymentUrl")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=decline&duplicates=2&delayMs=500")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(send(node1, 1, "GET", "api/orders/" + declined.getString("orderId"), null, null)).getString("status"))
                .as("not yet: the callback is delayed").isEqualTo("PENDING");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = "PENDING";
        while (!status.equals("CANCELLED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = json(send(node1, 1, "GET", "api/orders/" + declined.getString("orderId"), null, null)).getString("status");
        }
        assertThat(status).isEqualTo("CANCELLED");
    }

    @Test
    void aCouponAtItsLimitIsNeverOverRedeemedAndAnExpiredOrderGivesBackItsUseAndItsSeats() throws Exception {
        long type = ticketType("Coupon rush", 100, 2000);
        sql("INSERT INTO " + shop.tenant().schemaName() + ".coupon (code, percent_off, usage_limit) VALUES ('FIRSTFIVE', 10, 5)");
        int attempts = 12;
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            holds.add(holdId(i % 2 == 0 ? node1 : node2, i % BUYERS, type, 1));
        }
        List<Callable<HttpResponse<String>>> checkouts = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int n = i;
            checkouts.add(() -> order(n % 2 == 0 ? node2 : node1, n % BUYERS, "key-coupon-rush-" + n,
                    "{\"holdIds\": [\"" + holds.get(n) + "\"], \"couponCode\": \"firstfive\"}"));
        }
        List<HttpResponse<String>> answers = runAll(checkouts, attempts);
        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(5);
        assertThat(answers.stream().filter(r -> r.statusCode() == 422 && r.body().contains("used up")).count()).isEqualTo(attempts - 5);
        assertThat(count("SELECT times_used FROM %s.coupon WHERE code = 'FIRSTFIVE'")).isEqualTo(5);
        HttpResponse<String> first = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
        assertThat(json(first).getJsonObject("total").getString("amount")).isEqualTo("18.00");

        // one of them runs out of time: the sweep expires it, its coupon use and its seat come back
        String expiring = json(first).getString("orderId");
        sql("UPDATE " + shop.tenant().schemaName() + ".customer_order SET expires_at = created_at WHERE id = '" + expiring + "'");
        sql("UPDATE " + shop.tenant().schemaName() + ".hold SET expires_at = created_at + interval '1 millisecond'"
                + " WHERE id IN (SELECT hold_id FROM " + shop.tenant().schemaName() + ".order_hold WHERE order_id = '" + expiring + "')");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM %s.customer_order WHERE id = '" + expiring + "' AND status = 'EXPIRED'") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + expiring + "' AND status = 'EXPIRED'")).isEqualTo(1);
        assertThat(count("SELECT times_used FROM %s.coupon WHERE code = 'FIRSTFIVE'")).isEqualTo(4);
        while (count("SELECT count(*) FROM %1$s.hold_slot s JOIN %1$s.order_hold oh ON oh.hold_id = s.hold_id WHERE oh.order_id = '"
                + expiring + "'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(count("SELECT count(*) FROM %1$s.hold_slot s JOIN %1$s.order_hold oh ON oh.hold_id = s.hold_id WHERE oh.order_id = '"
                + expiring + "'")).as("its seat is back on sale").isZero();
    }

    @Test
    void staffRefundByLineOrInFullExactlyOnceAndFindOrders() throws Exception {
        long type = ticketType("Refunds", 10, 1000);
        double refundedBefore = counted("ticketing_refunds_total", "refunded");
        String hold = holdId(node1, 0, type, 3);
        String orderId = json(order(node1, 0, "key-refund-order-1", "{\"holdIds\": [\"" + hold + "\"]}")).getString("orderId");
        String staff = organizer();
        assertThat(sendAs(node1, staff, "POST", "api/manage/orders/" + orderId + "/refunds", "{\"restock\": true}", "refund-too-early")
                .statusCode()).as("an unpaid order has nothing to refund").isEqualTo(409);
        callback(node1, "evt-refund-pay-1", "payment.paid", paymentRef(orderId), Money.ofMinor(3000, "EUR"), secret(shop), Instant.now());

        String oneTicket = "{\"lines\": [{\"ticketTypeId\": " + type + ", \"quantity\": 1}], \"restock\": true, \"reason\": \"ill\"}";
        HttpResponse<String> first = sendAs(node2, staff, "POST", "api/manage/orders/" + orderId + "/refunds", oneTicket, "refund-one-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).getJsonObject("amount").getString("amount")).isEqualTo("10.00");
        assertThat(json(first).getJsonObject("order").getString("status")).isEqualTo("PARTIALLY_REFUNDED");
        HttpResponse<String> retried = sendAs(node1, staff, "POST", "api/manage/orders/" + orderId + "/refunds", oneTicket, "refund-one-1");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).getString("refundId")).isEqualTo(json(first).getString("refundId"));
        assertThat(count("SELECT count(*) FROM %s.ticket WHERE order_id = '" + orderId + "' AND status = 'VOID'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %1$s.hold_slot s JOIN %1$s.order_hold oh ON oh.hold_id = s.hold_id WHERE oh.order_id = '"
                + orderId + "'")).as("the refunded seat is back on sale").isEqualTo(2);

        // two staff refund the rest at the same moment, on both nodes: one refund, never two
        List<HttpResponse<String>> both = runAll(List.of(
                () -> sendAs(node1, staff, "POST", "api/manage/orders/" + orderId + "/refunds", "{\"restock\": false}", "refund-rest-a"),
                () -> sendAs(node2, staff, "POST", "api/manage/orders/" + orderId + "/refunds", "{\"restock\": false}", "refund-rest-b")), 2);
        assertThat(both).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        assertThat(count("SELECT refunded_minor FROM %s.customer_order WHERE id = '" + orderId + "'")).isEqualTo(3000);
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + orderId + "' AND status = 'REFUNDED'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.ticket WHERE order_id = '" + orderId + "' AND status = 'VALID'")).isZero();
        assertThat(count("SELECT count(*) FROM %s.refund WHERE order_id = '" + orderId + "' AND status = 'DONE'")).isEqualTo(2);
        assertThat(counted("ticketing_refunds_total", "refunded") - refundedBefore).as("the retry and the loser not counted").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM %s.outbox WHERE topic = 'order.refunded' AND payload->>'orderId' = '" + orderId + "'")).isEqualTo(2);

        // staff find it; a wrongly paid order shows among the stuck ones; buyers see their own orders only
        assertThat(sendAs(node1, staff, "GET", "api/manage/orders?status=REFUNDED&email=" + email(0), null, null).body()).contains(orderId);
        String odd = holdId(node1, 1, type, 1);
        String oddOrder = json(order(node1, 1, "key-refund-odd-1", "{\"holdIds\": [\"" + odd + "\"]}")).getString("orderId");
        callback(node2, "evt-refund-odd-1", "payment.paid", paymentRef(oddOrder), Money.ofMinor(1, "EUR"), secret(shop), Instant.now());
        assertThat(sendAs(node2, staff, "GET", "api/manage/orders/stuck", null, null).body()).contains(oddOrder).doesNotContain(orderId);
        // staff resolve it: the wrongly paid order is cancelled (its seat comes back), its flag cleared
        assertThat(json(sendAs(node1, staff, "POST", "api/manage/orders/" + oddOrder + "/cancel", null, null)).getString("status"))
                .isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM %s.hold_slot WHERE hold_id = '" + odd + "'")).isZero();
        assertThat(sendAs(node1, staff, "POST", "api/manage/orders/" + orderId + "/cancel", null, null).statusCode())
                .as("a refunded order cannot be cancelled").isEqualTo(409);
        assertThat(sendAs(node2, staff, "POST", "api/manage/orders/" + oddOrder + "/reviewed", null, null).statusCode()).isEqualTo(200);
        assertThat(sendAs(node2, staff, "GET", "api/manage/orders/stuck", null, null).body()).doesNotContain(oddOrder);
        assertThat(send(node1, 0, "GET", "api/orders", null, null).body()).contains(orderId).doesNotContain(oddOrder);
        assertThat(send(node1, 1, "GET", "api/manage/orders", null, null).statusCode()).as("buyers are not staff").isEqualTo(403);
    }

    @Test
    void withTheProviderDownCheckoutAndRefundsSay503AndTheSameRequestsFinishLater() throws Exception {
        long type = ticketType("Outage", 10, 1000);
        String staff = organizer();
        String secret = secret(shop);
        String paidOrder = json(order(node1, 0, "key-outage-paid", "{\"holdIds\": [\"" + holdId(node1, 0, type, 1) + "\"]}")).getString("orderId");
        callback(node1, "evt-outage-paid", "payment.paid", paymentRef(paidOrder), Money.ofMinor(1000, "EUR"), secret, Instant.now());
        String hold = holdId(node2, 0, type, 1);
        try {
            assertThat(sendAs(node1, staff, "PUT", "api/manage/payments/sandbox",
                    "{\"credentials\": {\"webhookSecret\": \"" + secret + "\", \"outage\": \"true\"}}", null).statusCode()).isEqualTo(200);
            HttpResponse<String> down = order(node2, 0, "key-outage-1", "{\"holdIds\": [\"" + hold + "\"]}");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("send the same request again").doesNotContain("Exception");
            HttpResponse<String> refundDown = sendAs(node1, staff, "POST", "api/manage/orders/" + paidOrder + "/refunds",
                    "{\"restock\": true}", "refund-outage-1");
            assertThat(refundDown.statusCode()).isEqualTo(503);
            assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + paidOrder + "' AND status = 'PAID' AND refunded_minor = 0"))
                    .as("a refund the provider did not make is not counted").isEqualTo(1);
            HttpResponse<String> checkDown = sendAs(node2, staff, "POST", "api/manage/orders/" + paidOrder + "/check-payment", null, null);
            assertThat(checkDown.statusCode()).isEqualTo(503);
            assertThat(checkDown.body()).contains("nothing was changed").doesNotContain("Exception");
        } finally {
            sendAs(node1, staff, "PUT", "api/manage/payments/sandbox", "{\"credentials\": {\"webhookSecret\": \"" + secret + "\"}}", null);
        }
        HttpResponse<String> back = order(node1, 0, "key-outage-1", "{\"holdIds\": [\"" + hold + "\"]}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(json(back).getString("paymentUrl")).contains("/api/sandbox/pay/");
        assertThat(sendAs(node2, staff, "POST", "api/manage/orders/" + paidOrder + "/refunds", "{\"restock\": true}", "refund-outage-1")
                .statusCode()).isEqualTo(201);
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + paidOrder + "' AND status = 'REFUNDED'")).isEqualTo(1);
    }

    @Test
    void aPerBuyerLimitCountsWhatTheBuyerHasAlreadyBought() throws Exception {
        long type = ticketType("Limited", 50, 1000);
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket_type SET max_per_order = 2, max_per_buyer = 2 WHERE id = " + type);
        String bought = json(order(node1, 2, "key-limit-1", "{\"holdIds\": [\"" + holdId(node1, 2, type, 2) + "\"]}")).getString("orderId");
        callback(node2, "evt-limit-1", "payment.paid", paymentRef(bought), Money.ofMinor(2000, "EUR"), secret(shop), Instant.now());
        assertThat(json(send(node1, 2, "GET", "api/orders/" + bought, null, null)).getString("status")).isEqualTo("PAID");
        HttpResponse<String> more = send(node2, 2, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": 1}", null);
        assertThat(more.statusCode()).as("two bought already, in an earlier order").isEqualTo(422);
        assertThat(more.body()).contains("you already have 2");
        assertThat(send(node2, 3, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": 2}", null).statusCode())
                .as("another buyer is not affected").isEqualTo(201);
    }

    @Test
    void checkoutRefusalsAreClear() throws Exception {
        long type = ticketType("Refusals", 10, 1000);
        String hold = holdId(node1, 3, type, 1);
        assertThat(order(node1, 3, null, "{\"holdIds\": [\"" + hold + "\"]}").body()).contains("Idempotency-Key");
        assertThat(order(node1, 3, "key-refusal-1", "{\"holdIds\": [\"" + UUID.randomUUID() + "\"]}").statusCode()).isEqualTo(404);
        assertThat(order(node1, 1, "key-refusal-2", "{\"holdIds\": [\"" + hold + "\"]}").statusCode())
                .as("another buyer's hold").isEqualTo(404);
        assertThat(order(node1, 3, "key-refusal-3", "{\"holdIds\": [\"" + hold + "\"], \"couponCode\": \"NOSUCH\"}").statusCode()).isEqualTo(422);
        assertThat(order(node1, 3, "key-refusal-4", "{\"holdIds\": \"x\"}").statusCode()).isEqualTo(422);
        assertThat(order(node1, 3, "key-refusal-5", "{oops").statusCode()).isEqualTo(400);
        assertThat(order(node1, 3, "key-refusal-6", "{\"holdIds\": [\"" + hold + "\"]}").statusCode()).isEqualTo(201);
        assertThat(order(node1, 3, "key-refusal-7", "{\"holdIds\": [\"" + hold + "\"]}").statusCode())
                .as("a hold is paid for by one order").isEqualTo(409);
        assertThat(send(node1, -1, "POST", "api/payments/callback/nosuch", "{}", null).statusCode()).isEqualTo(404);

        // payment settings: what this platform offers; an adapter whose SDK the node lacks is not offered
        String staff = organizer();
        HttpResponse<String> offered = sendAs(node1, staff, "GET", "api/manage/payments", null, null);
        assertThat(offered.statusCode()).isEqualTo(200);
        assertThat(offered.body()).contains("\"provider\":\"sandbox\"").doesNotContain("stripe").doesNotContain("webhookSecret\":\"");
        assertThat(sendAs(node1, staff, "PUT", "api/manage/payments/stripe",
                "{\"credentials\": {\"apiKey\": \"sk_x\", \"webhookSecret\": \"whsec_x\"}}", null).statusCode()).isEqualTo(404);
        HttpResponse<String> weak = sendAs(node1, staff, "PUT", "api/manage/payments/sandbox", "{\"credentials\": {\"webhookSecret\": \"short\"}}", null);
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("16 characters");
        assertThat(send(node1, 3, "GET", "api/manage/payments", null, null).statusCode()).as("buyers are not staff").isEqualTo(403);
        for (String disguised : List.of("api/%6danage/orders", "api/manage;x=1/orders", "api//manage/orders", "api/./manage/orders",
                "api/MANAGE/orders")) {
            HttpResponse<String> sneaking = send(node1, 3, "GET", disguised, null, null);
            assertThat(sneaking.statusCode()).as(disguised + ": " + sneaking.body()).isIn(400, 403, 404);
        }
    }

    @Test
    void guestsBuyWithAnEmailWhereTheShopAllowsItAndTheirTokenIsTheOnlyKey() throws Exception {
        long type = ticketType("Guests", 20, 1500);
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket_type SET max_per_order = 3, max_per_buyer = 3 WHERE id = " + type);
        String twoTickets = "{\"ticketTypeId\": " + type + ", \"quantity\": 2}";

        // off by default: a stranger is asked to sign in; only staff may turn it on
        HttpResponse<String> refused = guest(node1, slug(), null, "POST", "api/holds", twoTickets, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Sign in");
        assertThat(send(node1, 0, "PUT", "api/manage/checkout", "{\"guestCheckout\": true}", null).statusCode()).isEqualTo(403);
        String staff = organizer();
        assertThat(sendAs(node1, staff, "PUT", "api/manage/checkout", "{\"guestCheckout\": \"yes\"}", null).statusCode()).isEqualTo(422);
        String token;
        String orderId;
        try {
            HttpResponse<String> on = sendAs(node1, staff, "PUT", "api/manage/checkout", "{\"guestCheckout\": true}", null);
            assertThat(json(on).getBoolean("guestCheckout")).isTrue();

            HttpResponse<String> held = guest(node1, slug(), null, "POST", "api/holds", twoTickets, null);
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            token = held.headers().firstValue("Guest-Token").orElseThrow();
            assertThat(json(held).getString("guestToken")).isEqualTo(token);
            String hold = json(held).getString("holdId");
            assertThat(count("SELECT count(*) FROM %s.hold WHERE id = '" + hold + "' AND buyer LIKE 'guest:%%'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM %s.hold WHERE strpos(buyer, '" + token + "') > 0"))
                    .as("only a hash of the token is stored").isZero();
            assertThat(guest(node2, slug(), token, "GET", "api/holds/" + hold, null, null).statusCode()).isEqualTo(200);
            HttpResponse<String> minted = guest(node2, slug(), mintedToken(), "GET", "api/holds/" + hold, null, null);
            assertThat(minted.statusCode()).as("a token of the right shape the shop never issued").isEqualTo(401);
            assertThat(minted.body()).contains("not one this shop gives out");
            HttpResponse<String> made = guest(node2, slug(), "not-a-token", "GET", "api/holds/" + hold, null, null);
            assertThat(made.statusCode()).isEqualTo(401);
            assertThat(made.body()).contains("Guest-Token");

            // a guest must say where the tickets go; then the order is placed, paid and ticketed
            String holdIds = "{\"holdIds\": [\"" + hold + "\"]";
            assertThat(guest(node2, slug(), token, "POST", "api/orders", holdIds + "}", "key-guest-1").body())
                    .contains("e-mail address");
            HttpResponse<String> placed = guest(node2, slug(), token, "POST", "api/orders",
                    holdIds + ", \"buyer\": {\"email\": \"gia@guest.test\", \"name\": \"Gia Guest\"}}", "key-guest-2");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            orderId = json(placed).getString("orderId");
            callback(node1, "evt-guest-1", "payment.paid", paymentRef(orderId), Money.ofMinor(3000, "EUR"), secret(shop), Instant.now());
            JsonObject paid = json(guest(node1, slug(), token, "GET", "api/orders/" + orderId, null, null));
            assertThat(paid.getString("status")).isEqualTo("PAID");
            assertThat(paid.getInt("tickets")).isEqualTo(2);
            assertThat(json(guest(node1, slug(), token, "GET", "api/orders", null, null)).getJsonArray("orders")).hasSize(1);

            // nobody else's: another guest, a signed-in buyer, the same token in another shop that takes guests
            assertThat(send(node1, 0, "GET", "api/orders/" + orderId, null, null).statusCode()).isEqualTo(404);
            sql("UPDATE " + otherShop.tenant().schemaName() + ".checkout_settings SET guest_checkout = true");
            String other = otherShop.tenant().slug().value();
            assertThat(guest(node2, other, token, "GET", "api/orders/" + orderId, null, null).statusCode())
                    .as("shop A's token is no token of shop B's").isEqualTo(401);

            // staff find it by the e-mail address, marked as a guest's
            HttpResponse<String> found = sendAs(node1, staff, "GET", "api/manage/orders?email=GIA@guest.test", null, null);
            assertThat(found.body()).contains(orderId).contains("\"guest\":true");

            // the per-buyer limit (3) counts by e-mail address: a fresh guest token does not reset it
            HttpResponse<String> again = guest(node2, slug(), null, "POST", "api/holds", twoTickets, null);
            String token2 = again.headers().firstValue("Guest-Token").orElseThrow();
            assertThat(guest(node1, slug(), token2, "GET", "api/orders/" + orderId, null, null).statusCode())
                    .as("another guest's order").isEqualTo(404);
            String hold2 = "{\"holdIds\": [\"" + json(again).getString("holdId") + "\"]";
            HttpResponse<String> over = guest(node2, slug(), token2, "POST", "api/orders",
                    hold2 + ", \"buyer\": {\"email\": \"Gia@Guest.test\"}}", "key-guest-3");
            assertThat(over.statusCode()).as(over.body()).isEqualTo(422);
            assertThat(over.body()).contains("would go past it for this e-mail address")
                    .as("what the address's owner bought is not told to whoever typed it").doesNotContain("already have")
                    .doesNotContainIgnoringCase("gia@guest.test");
            assertThat(guest(node2, slug(), token2, "POST", "api/orders", hold2 + ", \"buyer\": {\"email\": \"gio@guest.test\"}}",
                    "key-guest-4").statusCode()).as("another address").isEqualTo(201);

            // new guests are capped per client address and minute, on all nodes together: a script cannot
            // become guest after guest to hold a sale's stock (13 tries span at most two windows of 6)
            List<HttpResponse<String>> newcomers = new ArrayList<>();
            for (int i = 0; i < 2 * NEW_GUESTS_PER_MINUTE + 1; i++) {
                newcomers.add(guest(i % 2 == 0 ? node1 : node2, slug(), null, "POST", "api/holds",
                        "{\"ticketTypeId\": " + type + ", \"quantity\": 1}", null));
            }
            List<HttpResponse<String>> turnedAway = newcomers.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(turnedAway).isNotEmpty();
            assertThat(newcomers).allMatch(r -> r.statusCode() == 201 || r.statusCode() == 429);
            assertThat(turnedAway.get(0).headers().firstValue("Retry-After")).hasValue("60");
            assertThat(turnedAway.get(0).body()).contains("wait a minute, or sign in");
            assertThat(guest(node1, slug(), token, "POST", "api/holds", "{\"ticketTypeId\": " + type + ", \"quantity\": 1}", null)
                    .statusCode()).as("a guest who already has a token is not a newcomer").isEqualTo(201);
        } finally {
            sendAs(node1, staff, "PUT", "api/manage/checkout", "{\"guestCheckout\": false}", null);
            sql("UPDATE " + otherShop.tenant().schemaName() + ".checkout_settings SET guest_checkout = false");
        }
        // turned off: guests still see what they bought, but buy nothing more
        assertThat(guest(node1, slug(), token, "GET", "api/orders/" + orderId, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> closed = guest(node1, slug(), token, "POST", "api/holds", twoTickets, null);
        assertThat(closed.statusCode()).isEqualTo(401);
        assertThat(closed.body()).contains("signed-in buyers only");
        assertThat(guest(node1, slug(), null, "POST", "api/holds", twoTickets, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aLostCallbackIsFoundByAskingTheProviderWhenStaffAskOrBeforeTheOrderExpires() throws Exception {
        long type = ticketType("Lost callback", 10, 1000);
        String staff = organizer();

        // staff ask about an order whose buyer has not paid yet: nothing changes
        JsonObject unpaid = json(order(node1, 1, "key-lost-1", "{\"holdIds\": [\"" + holdId(node1, 1, type, 1) + "\"]}"));
        String orderId = unpaid.getString("orderId");
        JsonObject open = json(sendAs(node2, staff, "POST", "api/manage/orders/" + orderId + "/check-payment", null, null));
        assertThat(open.getString("providerSays")).isEqualTo("OPEN");
        assertThat(open.getJsonObject("order").getString("status")).isEqualTo("PENDING");

        // the buyer pays, and the callback is lost on its way
        assertThat(sandboxPage(unpaid.getString("paymentUrl"), "action=pay&duplicates=0").statusCode()).isEqualTo(303);
        sandboxPage(unpaid.getString("paymentUrl"), "action=decline&duplicates=0"); // too late: paid stays paid, as at a provider
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + orderId + "' AND status = 'PENDING'")).isEqualTo(1);
        JsonObject found = json(sendAs(node2, staff, "POST", "api/manage/orders/" + orderId + "/check-payment", null, null));
        assertThat(found.getString("providerSays")).isEqualTo("PAID");
        assertThat(found.getJsonObject("order").getString("status")).isEqualTo("PAID");
        assertThat(found.getJsonObject("order").getInt("tickets")).isEqualTo(1);
        // asking again, and then the callback arriving after all, pay nothing twice and flag nothing
        assertThat(json(sendAs(node1, staff, "POST", "api/manage/orders/" + orderId + "/check-payment", null, null))
                .getString("outcome")).isEqualTo("Already handled");
        String ref = paymentRef(orderId);
        assertThat(callback(node1, "evt-lost-1", "payment.paid", ref, Money.ofMinor(1000, "EUR"), secret(shop), Instant.now())
                .statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM %s.ticket WHERE order_id = '" + orderId + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.outbox WHERE payload->>'orderId' = '" + orderId + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.customer_order WHERE id = '" + orderId + "' AND needs_review IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM %s.payment_callback WHERE event_id = 'status:" + ref + ":PAID' AND NOT replay")).isEqualTo(1);

        // a lost decline, found by staff: the order ends and its seat is back on sale
        JsonObject declined = json(order(node2, 1, "key-lost-2", "{\"holdIds\": [\"" + holdId(node2, 1, type, 1) + "\"]}"));
        sandboxPage(declined.getString("paymentUrl"), "action=decline&duplicates=0");
        JsonObject ended = json(sendAs(node1, staff, "POST", "api/manage/orders/" + declined.getString("orderId") + "/check-payment", null, null));
        assertThat(ended.getString("providerSays")).isEqualTo("DECLINED");
        assertThat(ended.getJsonObject("order").getString("status")).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM %1$s.hold_slot s JOIN %1$s.order_hold oh ON oh.hold_id = s.hold_id WHERE oh.order_id = '"
                + declined.getString("orderId") + "'")).isZero();

        // nobody asks, and the order's time runs out: the sweep asks the provider first, and the order is paid, not expired
        JsonObject late = json(order(node1, 2, "key-lost-3", "{\"holdIds\": [\"" + holdId(node1, 2, type, 1) + "\"]}"));
        String lateId = late.getString("orderId");
        sandboxPage(late.getString("paymentUrl"), "action=pay&duplicates=0");
        sql("UPDATE " + shop.tenant().schemaName() + ".customer_order SET expires_at = created_at WHERE id = '" + lateId + "'");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM %s.customer_order WHERE id = '" + lateId + "' AND status = 'PENDING'") == 1
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(json(send(node2, 2, "GET", "api/orders/" + lateId, null, null)).getString("status")).isEqualTo("PAID");
        assertThat(count("SELECT count(*) FROM %s.ticket WHERE order_id = '" + lateId + "'")).isEqualTo(1);

        // no such order; not for buyers
        assertThat(sendAs(node1, staff, "POST", "api/manage/orders/" + UUID.randomUUID() + "/check-payment", null, null).statusCode())
                .isEqualTo(404);
        assertThat(send(node1, 1, "POST", "api/manage/orders/" + orderId + "/check-payment", null, null).statusCode())
                .as("buyers are not staff").isEqualTo(403);
    }

    // --- helpers

    private static int forged(HttpResponse<String> response, AtomicInteger forged) {
        if (response.statusCode() == 400) {
            forged.incrementAndGet();
        }
        return response.statusCode();
    }

    private static HttpResponse<String> tampered(PayaraMicroNode node, String event, String ref, String secret) throws Exception {
        Instant now = Instant.now();
        byte[] genuine = SandboxPaymentProvider.callbackBody(event, "payment.paid", ref, Money.ofMinor(1200, "EUR"), now);
        byte[] cheaper = SandboxPaymentProvider.callbackBody(event, "payment.paid", ref, Money.ofMinor(1, "EUR"), now);
        return post(node, cheaper, SandboxSignature.sign(secret, now, genuine));
    }

    private static HttpResponse<String> callback(PayaraMicroNode node, String event, String type, String ref, Money amount,
                                                 String secret, Instant at) throws Exception {
        byte[] body = SandboxPaymentProvider.callbackBody(event, type, ref, amount, at);
        return post(node, body, SandboxSignature.sign(secret, at, body));
    }

    private static HttpResponse<String> post(PayaraMicroNode node, byte[] body, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(node, slug()) + "api/payments/callback/sandbox"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The shop's sandbox signing secret, as the sandbox's own server knows it (unsealed with the platform key). */
    private static String secret(RealmFixtures.TenantRealm tenant) {
        String schema = tenant.tenant().schemaName();
        // the shop sets its sandbox up on first use; make sure it has
        String sealed = queryText("SELECT sealed_credentials FROM " + schema + ".payment_settings WHERE provider = 'sandbox'");
        if (sealed == null) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(base(node1, tenant.tenant().slug().value()) + "api/payments/callback/sandbox"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sealed = queryText("SELECT sealed_credentials FROM " + schema + ".payment_settings WHERE provider = 'sandbox'");
        }
        String json = new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).open(tenant.tenant().slug().value(), sealed);
        return Json.createReader(new StringReader(json)).readObject().getString("webhookSecret");
    }

    private static String paymentRef(String orderId) {
        return queryText("SELECT payment_ref FROM " + shop.tenant().schemaName() + ".customer_order WHERE id = '" + orderId + "'");
    }

    @Test
    void mintedGuestsAreRefusedAndTicketsHeldAtOnceAreCappedPerBuyerAndPerNetworkAsTheAdminSets() throws Exception {
        long type = ticketType("Scalpers", 100, 1000);
        String admin = organizer();
        fixtures.user(shop, "crew@pay.test", PASSWORD, "organizer-staff");
        String crew = fixtures.token(shop, "crew@pay.test", PASSWORD);
        // staff work the orders; where the money goes and the shop's rules are the admins' to set
        assertThat(sendAs(node1, crew, "GET", "api/manage/orders", null, null).statusCode()).isEqualTo(200);
        String[][] adminOnly = {
                {"PUT", "api/manage/payments/sandbox", "{\"credentials\": {\"webhookSecret\": \"mine\"}}"},
                {"GET", "api/manage/payments", null},
                {"PUT", "api/manage/checkout", "{\"guestCheckout\": true}"},
                {"GET", "api/manage/checkout/audit", null},
                {"POST", "api/manage/buyers/export", "{\"email\": \"buyer0@pay.test\"}"},
                {"POST", "api/manage/buyers/erase", "{\"email\": \"buyer0@pay.test\"}"}};
        for (String[] call : adminOnly) {
            HttpResponse<String> refused = sendAs(node2, crew, call[0], call[1], call[2], null);
            assertThat(refused.statusCode()).as(call[0] + " " + call[1] + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("organizer admin");
        }
        // coupons are the staff's too since the back office (issue 15): BackOfficeDashboardIT covers them

        String address = "198.51.100.20";
        String one = "{\"ticketTypeId\": " + type + ", \"quantity\": 1}";
        String two = "{\"ticketTypeId\": " + type + ", \"quantity\": 2}";
        try {
            HttpResponse<String> set = sendAs(node1, admin, "PUT", "api/manage/checkout",
                    "{\"guestCheckout\": true, \"maxHeldPerBuyer\": 3, \"maxHeldPerAddress\": 4}", null);
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(json(set).getInt("maxHeldPerBuyer")).isEqualTo(3);
            assertThat(json(set).getJsonObject("platformDefaults").getInt("maxHeldPerAddress")).isEqualTo(100000);

            // a script's own tokens: before, any 43 characters were a fresh guest the limits knew nothing of
            HttpResponse<String> minted = guestFrom(node1, mintedToken(), address, "POST", "api/holds", two);
            assertThat(minted.statusCode()).isEqualTo(401);

            HttpResponse<String> first = guestFrom(node1, null, address, "POST", "api/holds", two);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            String token = first.headers().firstValue("Guest-Token").orElseThrow();
            HttpResponse<String> more = guestFrom(node2, token, address, "POST", "api/holds", two);
            assertThat(more.statusCode()).as(more.body()).isEqualTo(422);
            assertThat(more.body()).contains("at most 3 tickets at once").contains("already hold 2");
            // a fresh guest on the same network, on the other node: the address cap counts them together
            assertThat(guestFrom(node2, null, address, "POST", "api/holds", two).statusCode()).isEqualTo(201);
            HttpResponse<String> network = guestFrom(node1, null, address, "POST", "api/holds", one);
            assertThat(network.statusCode()).as(network.body()).isEqualTo(422);
            assertThat(network.body()).contains("from your network");
            assertThat(guestFrom(node1, null, "203.0.113.20", "POST", "api/holds", one).statusCode()).as("another network").isEqualTo(201);
            assertThat(count("SELECT count(*) FROM %s.hold WHERE client_key IN ('" + address + "', '203.0.113.20')"))
                    .as("addresses are stored only as keyed hashes").isZero();

            HttpResponse<String> export = sendAs(node1, admin, "POST", "api/manage/buyers/export", "{\"email\": \"BUYER0@pay.test\"}", null);
            assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
            assertThat(json(export).getJsonArray("orders")).as("buyer 0's orders, found by the sealed address's index").isNotEmpty();
            HttpResponse<String> audit = sendAs(node2, admin, "GET", "api/manage/checkout/audit", null, null);
            assertThat(audit.body()).contains("checkout.settings").contains("staff@pay.test").contains("held at once per buyer null -> 3").contains("buyer.export")
                    .doesNotContainIgnoringCase("buyer0@pay.test");
        } finally {
            sendAs(node1, admin, "PUT", "api/manage/checkout",
                    "{\"guestCheckout\": false, \"maxHeldPerBuyer\": null, \"maxHeldPerAddress\": null}", null);
        }
    }

    /** A token of the right shape that no shop issued: what a scalping script would send. */
    private static String mintedToken() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** A guest's request arriving through the nodes' trusted proxy (127.0.0.1) from client {@code address}. */
    private static HttpResponse<String> guestFrom(PayaraMicroNode node, String token, String address, String method, String path,
                                                  String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node, slug()) + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").header("X-Forwarded-For", address)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Guest-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long ticketType(String name, int capacity, long priceMinor) {
        long event = catalog.eventOnSale(venue, name + " night", "Test", OffsetDateTime.now(ZoneOffset.UTC).plusDays(20),
                "EUR", name, priceMinor);
        long type = count("SELECT id FROM %s.ticket_type WHERE event_id = " + event);
        sql("UPDATE " + shop.tenant().schemaName() + ".ticket_type SET capacity = " + capacity + ", max_per_order = 10 WHERE id = " + type);
        return type;
    }

    private static String holdId(PayaraMicroNode node, int buyer, long type, int quantity) throws Exception {
        HttpResponse<String> hold = send(node, buyer, "POST", "api/holds",
                "{\"ticketTypeId\": " + type + ", \"quantity\": " + quantity + "}", null);
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        return json(hold).getString("holdId");
    }

    private static HttpResponse<String> order(PayaraMicroNode node, int buyer, String key, String body) throws Exception {
        return send(node, buyer, "POST", "api/orders", body, key);
    }

    private static String organizer() {
        fixtures.user(shop, "staff@pay.test", PASSWORD, "organizer-admin");
        return fixtures.token(shop, "staff@pay.test", PASSWORD);
    }

    private static HttpResponse<String> send(PayaraMicroNode node, int buyer, String method, String path, String body, String key)
            throws Exception {
        return sendAs(node, buyer < 0 ? null : TOKENS.computeIfAbsent(buyer, b -> fixtures.token(shop, email(b), PASSWORD)),
                method, path, body, key);
    }

    private static HttpResponse<String> sendAs(PayaraMicroNode node, String token, String method, String path, String body, String key)
            throws Exception {
        return request(node, slug(), "Authorization", token == null ? null : "Bearer " + token, method, path, body, key);
    }

    /** A request as a guest of shop {@code slug}: with {@code token} as its Guest-Token, or none. */
    private static HttpResponse<String> guest(PayaraMicroNode node, String slug, String token, String method, String path,
                                              String body, String key) throws Exception {
        return request(node, slug, "Guest-Token", token, method, path, body, key);
    }

    /** A JSON request to shop {@code slug}, with the credential header when its value is not null. */
    private static HttpResponse<String> request(PayaraMicroNode node, String slug, String credentialHeader, String credential,
                                                String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node, slug) + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (credential != null) {
            request.header(credentialHeader, credential);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Acts on the sandbox's payment page as the buyer would (a form post). */
    private static HttpResponse<String> sandboxPage(String page, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(page)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double counted(String counter, String outcome) throws Exception {
        return ClusterTestSupport.counted(List.of(node1, node2), counter, slug(), outcome);
    }

    private static String base(PayaraMicroNode node, String slug) {
        return "http://127.0.0.1:" + node.httpPort() + "/t/" + slug + "/";
    }

    private static String slug() {
        return shop.tenant().slug().value();
    }

    private static String email(int buyer) {
        return "buyer" + buyer + "@pay.test";
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A count (or id) from SQL whose %s (or %1$s) is the shop's schema. */
    private static long count(String sqlWithSchema) {
        return queryLong(String.format(sqlWithSchema, shop.tenant().schemaName()));
    }

}
