package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.order.CheckoutSettings;
import io.ticketing.platform.domain.order.OrderSearches;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldEndedException;
import io.ticketing.platform.domain.stock.HoldLimitException;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.stock.SoldOutException;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProviderFactory;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.infrastructure.tenancy.NoTenantContextException;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.infrastructure.tenancy.TenantGridNames;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
import io.ticketing.platform.testsupport.PlainSql;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout's use cases next to their code: holds, orders, callbacks and refunds through the
 * application services, on a real PostgreSQL and a real Hazelcast member, happy and failure paths.
 * Counts are read back from the database, not taken from the services' answers.
 */
class CheckoutUseCasesIT {

    private static final String SHOP = "http://shop.test/";
    private static final String CLIENT = "192.0.2.10";
    private static final StaffAuditLog.Actor STAFF = new StaffAuditLog.Actor("staff-1", "staff@shop.test");
    private static DataSource db;
    private static HazelcastInstance hazelcast;
    private static CoreServices core;
    private static Tenant shop;
    private static Tenant otherShop;

    private long typeA;
    private long typeB;

    @BeforeAll
    static void start() {
        db = SharedPostgres.dataSource();
        new TenantSchemas(db).migratePlatform();
        hazelcast = LoopbackHazelcast.member("use-cases-" + ThreadLocalRandom.current().nextInt(1_000_000));
        core = new CoreServices(db, hazelcast);
        shop = tenant("usecases");
        otherShop = tenant("usecases-other");
    }

    @AfterAll
    static void stop() {
        hazelcast.shutdown();
    }

    private static Tenant tenant(String prefix) {
        String slug = prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
        TenantRegistry registry = new TenantRegistry(db);
        return new TenantProvisioning(registry, new TenantSchemas(db)).provision(
                new NewTenant(new TenantSlug(slug), "Use cases " + slug, List.of(slug + ".tickets.test"), null));
    }

    /** A fresh event with two ticket types of 3 seats each, EUR 25.00 and 40.00. */
    @BeforeEach
    void event() {
        CatalogFixtures catalog = new CatalogFixtures(db, shop);
        long venue = catalog.venue("Hall", "Hamburg", "DE", ZoneId.of("Europe/Berlin"));
        long event = catalog.eventOnSale(venue, "Night " + UUID.randomUUID(), "Jazz", OffsetDateTime.now().plusDays(20),
                "EUR", "Standing", 2500, "Seated", 4000);
        sql("UPDATE " + shop.schemaName() + ".ticket_type SET capacity = 3, max_per_order = 3 WHERE event_id = " + event);
        typeA = count("SELECT min(id) FROM " + shop.schemaName() + ".ticket_type WHERE event_id = " + event);
        typeB = count("SELECT max(id) FROM " + shop.schemaName() + ".ticket_type WHERE event_id = " + event);
    }

    @Test
    void aSoldOutHoldTakesNothingAndTheDatabaseNeverHoldsMoreThanCapacity() {
        in(shop, () -> {
            core.holds.place(as("buyer-1"), List.of(new HoldLine(typeA, 2)));
            assertThatThrownBy(() -> core.holds.place(as("buyer-2"), List.of(new HoldLine(typeB, 1), new HoldLine(typeA, 2))))
                    .isInstanceOfSatisfying(SoldOutException.class, e -> assertThat(e.available()).isEqualTo(1));
            assertThat(core.holds.available(Map.of(typeA, 3, typeB, 3))).containsEntry(typeA, 1).containsEntry(typeB, 3);
        });
        assertThat(heldSeats(typeA)).isEqualTo(2);
        assertThat(heldSeats(typeB)).as("all lines or none: the seat of B taken for the failed hold went back").isZero();
    }

    @Test
    void theFirstViewLoadsAStockLedgerAndTheViewsAndHoldsAfterItUseIt() {
        var ledgers = hazelcast.<Long, Object>getMap(TenantGridNames.of(shop.id(), "stock"));
        in(shop, () -> core.holds.place(as("buyer-7"), List.of(new HoldLine(typeB, 1))));
        assertThat(ledgers.containsKey(typeA)).as("no ledger before anyone looked").isFalse();

        in(shop, () -> assertThat(core.holds.available(Map.of(typeA, 3, typeB, 3))).containsEntry(typeA, 3).containsEntry(typeB, 2));
        assertThat(ledgers.containsKey(typeA)).as("loaded by the view").isTrue();

        in(shop, () -> {
            core.holds.place(as("buyer-8"), List.of(new HoldLine(typeA, 2)));
            assertThat(core.holds.available(Map.of(typeA, 3))).containsEntry(typeA, 1);
            assertThatThrownBy(() -> core.holds.place(as("buyer-9"), List.of(new HoldLine(typeA, 2))))
                    .isInstanceOf(SoldOutException.class);
        });
        assertThat(heldSeats(typeA)).isEqualTo(2);
    }

    @Test
    void limitsAndReleases() {
        in(shop, () -> {
            assertThatThrownBy(() -> core.holds.place(as("buyer-1"), List.of(new HoldLine(typeA, 4))))
                    .isInstanceOf(HoldLimitException.class).hasMessageContaining("per order");
            Hold hold = core.holds.place(as("buyer-1"), List.of(new HoldLine(typeA, 3)));
            assertThatThrownBy(() -> core.holds.release("someone-else", hold.id())).isInstanceOf(CatalogNotFoundException.class);
            core.holds.release("buyer-1", hold.id());
            assertThatThrownBy(() -> core.holds.release("buyer-1", hold.id())).isInstanceOf(HoldEndedException.class);
            assertThat(core.holds.available(Map.of(typeA, 3))).containsEntry(typeA, 3);
        });
        assertThat(heldSeats(typeA)).isZero();
    }

    @Test
    void anOrderIsPlacedOncePerKeyAndPaidOncePerCallback() {
        UUID id = TenantContext.callAs(shop, () -> {
            OrderView order = placeOrder("buyer-3", "key-paid-once-" + UUID.randomUUID(), typeA, 2);
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.total().minorUnits()).isEqualTo(5000);

            byte[] paid = callbackBody(order, "payment.paid");
            var first = core.callbacks.receive(SandboxPaymentProvider.ID, signed(paid), paid);
            var replay = core.callbacks.receive(SandboxPaymentProvider.ID, signed(paid), paid);
            assertThat(first.accepted()).isTrue();
            assertThat(replay.replay()).isTrue();
            assertThat(core.orders.find(order.id()).status()).isEqualTo(OrderStatus.PAID);
            return order.id();
        });
        assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".ticket WHERE order_id = '" + id + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".outbox WHERE topic = 'order.paid' AND payload->>'orderId' = '"
                + id + "'")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndAForgedCallbackChangesNothing() {
        in(shop, () -> {
            String key = "key-conflict-" + UUID.randomUUID();
            Hold hold = core.holds.place(as("buyer-4"), List.of(new HoldLine(typeA, 1)));
            OrderView order = core.orders.place(buyer("buyer-4"), CLIENT, key, List.of(hold.id()), null, SHOP).order();
            var again = core.orders.place(buyer("buyer-4"), CLIENT, key, List.of(hold.id()), null, SHOP);
            assertThat(again.created()).as("a double click makes no second order").isFalse();
            assertThat(again.order().id()).isEqualTo(order.id());
            Hold other = core.holds.place(as("buyer-4"), List.of(new HoldLine(typeB, 1)));
            assertThatThrownBy(() -> core.orders.place(buyer("buyer-4"), CLIENT, key, List.of(other.id()), null, SHOP))
                    .isInstanceOf(OrderService.IdempotencyConflictException.class);

            byte[] forged = callbackBody(order, "payment.paid");
            var refused = core.callbacks.receive(SandboxPaymentProvider.ID,
                    Map.of(SandboxSignature.HEADER.toLowerCase(Locale.ROOT), SandboxSignature.sign("not-the-secret-of-this-shop",
                            Instant.now(), forged)), forged);
            assertThat(refused.accepted()).isFalse();
            assertThat(core.orders.find(order.id()).status()).isEqualTo(OrderStatus.PENDING);
        });
    }

    @Test
    void aDeclinedPaymentGivesTheSeatsBackAndAFullRefundReturnsThem() {
        UUID id = TenantContext.callAs(shop, () -> {
            OrderView declined = placeOrder("buyer-5", "key-declined-" + UUID.randomUUID(), typeB, 3);
            byte[] body = callbackBody(declined, "payment.declined");
            core.callbacks.receive(SandboxPaymentProvider.ID, signed(body), body);
            assertThat(core.orders.find(declined.id()).status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(core.holds.available(Map.of(typeB, 3))).containsEntry(typeB, 3);

            OrderView order = placeOrder("buyer-5", "key-refund-" + UUID.randomUUID(), typeB, 3);
            byte[] paid = callbackBody(order, "payment.paid");
            core.callbacks.receive(SandboxPaymentProvider.ID, signed(paid), paid);
            var request = new RefundService.RefundRequest(List.of(), true, "refund-" + UUID.randomUUID(), "staff@shop.test", "ill");
            var refunded = core.refunds.refund(order.id(), request);
            assertThat(refunded.amount().minorUnits()).isEqualTo(12000);
            assertThat(core.refunds.refund(order.id(), request).created()).as("the same key refunds once").isFalse();
            assertThat(core.orders.find(order.id()).status()).isEqualTo(OrderStatus.REFUNDED);
            assertThat(core.holds.available(Map.of(typeB, 3))).containsEntry(typeB, 3);
            return order.id();
        });
        assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".refund WHERE status = 'DONE' AND order_id = '" + id + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".ticket WHERE status = 'VOID' AND order_id = '" + id + "'"))
                .isEqualTo(3);
    }

    @Test
    void anotherShopCannotSeeTheOrderAndNothingRunsWithoutAShop() {
        UUID id = TenantContext.callAs(shop, () -> placeOrder("buyer-6", "key-isolated-" + UUID.randomUUID(), typeA, 1).id());
        in(otherShop, () -> assertThatThrownBy(() -> core.orders.find(id)).isInstanceOf(CatalogNotFoundException.class));
        assertThatThrownBy(() -> core.orders.find(id)).isInstanceOf(NoTenantContextException.class);
        assertThatThrownBy(() -> core.holds.place(as("buyer-6"), List.of(new HoldLine(typeA, 1))))
                .isInstanceOf(NoTenantContextException.class);
    }

    @Test
    void ticketsHeldAtOnceAreCappedPerBuyerAndPerClientAddressAndTheAddressIsNotStored() {
        in(shop, () -> {
            core.shopSettings.change(STAFF, false, false, new CheckoutSettings.HoldCaps(2, 3));
            try {
                String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
                Requester scalper = new Requester("scalper-" + UUID.randomUUID(), address);
                Hold first = core.holds.place(scalper, List.of(new HoldLine(typeA, 1)));
                core.holds.place(scalper, List.of(new HoldLine(typeB, 1)));
                assertThatThrownBy(() -> core.holds.place(scalper, List.of(new HoldLine(typeB, 1))))
                        .isInstanceOf(HoldLimitException.class).hasMessageContaining("at most 2 tickets at once").hasMessageContaining("already hold 2");
                // a second buyer (a fresh guest, say) on the same network: the address cap (3) counts both
                Requester accomplice = new Requester("accomplice-" + UUID.randomUUID(), address);
                core.holds.place(accomplice, List.of(new HoldLine(typeB, 1)));
                assertThatThrownBy(() -> core.holds.place(accomplice, List.of(new HoldLine(typeB, 1))))
                        .isInstanceOf(HoldLimitException.class).hasMessageContaining("from your network");
                assertThat(core.holds.place(new Requester("neighbour-" + UUID.randomUUID(), "203.0.113.77"),
                        List.of(new HoldLine(typeB, 1)))).as("another address").isNotNull();
                // released tickets no longer count
                core.holds.release(scalper.buyer(), first.id());
                assertThat(core.holds.place(scalper, List.of(new HoldLine(typeA, 1)))).isNotNull();
                assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".hold WHERE client_key = '" + address + "'"))
                        .as("the address is kept only as a keyed hash").isZero();
                assertThat(count("SELECT count(DISTINCT client_key) FROM " + shop.schemaName() + ".hold WHERE buyer IN ('"
                        + scalper.buyer() + "', '" + accomplice.buyer() + "') AND length(client_key) = 43")).isEqualTo(1);
            } finally {
                core.shopSettings.change(STAFF, false, false, new CheckoutSettings.HoldCaps(null, null));
            }
        });
        assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".staff_audit WHERE action = 'checkout.settings' AND actor = '"
                + STAFF.subject() + "'")).as("both changes audited").isGreaterThanOrEqualTo(2);
    }

    @Test
    void holdsAndOrdersAreRateLimitedPerBuyerAcrossTheMinute() {
        awayFromAMinuteEdge();
        in(shop, () -> {
            Requester hammer = new Requester("hammer-" + UUID.randomUUID(), "192.0.2.99");
            int refusedOtherwise = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    core.holds.release(hammer.buyer(), core.holds.place(hammer, List.of(new HoldLine(typeA, 1))).id());
                } catch (HoldLimitException | SoldOutException e) {
                    refusedOtherwise++;
                }
            }
            assertThat(refusedOtherwise).isZero();
            assertThatThrownBy(() -> core.holds.place(hammer, List.of(new HoldLine(typeA, 1))))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60))
                    .hasMessageContaining("too many holds");
            assertThat(count("SELECT count(*) FROM " + shop.schemaName() + ".hold WHERE buyer = '" + hammer.buyer() + "'"))
                    .as("the 21st hold was refused before it took anything").isEqualTo(20);

            String orderer = "orderer-" + UUID.randomUUID();
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> core.orders.place(buyer(orderer), CLIENT, "key-rate-" + UUID.randomUUID(),
                        List.of(UUID.randomUUID()), null, SHOP)).isInstanceOf(CatalogNotFoundException.class);
            }
            assertThatThrownBy(() -> core.orders.place(buyer(orderer), CLIENT, "key-rate-" + UUID.randomUUID(),
                    List.of(UUID.randomUUID()), null, SHOP)).isInstanceOf(RateLimitedException.class).hasMessageContaining("orders");
        });
    }

    @Test
    void aLiveShopRefusesTestKeysAndTestEventsAndAuditsWhoSetItsAccount() throws Exception {
        Tenant live = tenant("livemode");
        StaffAuditLog.Actor admin = new StaffAuditLog.Actor("admin-1", "admin@shop.test");
        in(live, () -> {
            assertThatThrownBy(() -> core.paymentSetup.configure(admin, "stripe",
                    Map.of("apiKey", "sk_test_123", "webhookSecret", "whsec_abc"), true))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("test credentials").hasMessageContaining("sells for real");
            core.paymentSetup.configure(admin, "stripe", Map.of("apiKey", "sk_live_123", "webhookSecret", "whsec_abc"), true);
        });
        String testEvent = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"livemode\":false,\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cs_1\",\"payment_status\":\"paid\","
                + "\"amount_total\":100,\"currency\":\"eur\"}}}";
        var refused = TenantContext.callAs(live, () -> core.callbacks.receive("stripe", stripeSigned(testEvent, "whsec_abc"),
                testEvent.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.message()).contains("test-mode payment event");
        assertThat(count("SELECT count(*) FROM " + live.schemaName() + ".payment_callback WHERE outcome LIKE 'refused: a test-mode%'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + live.schemaName() + ".staff_audit WHERE action = 'payments.configure' "
                + "AND actor_email = 'admin@shop.test' AND detail = 'stripe: credentials set (apiKey, webhookSecret) (live), active'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + live.schemaName() + ".staff_audit WHERE detail LIKE '%sk_live%'"))
                .as("never the key itself").isZero();

        in(live, () -> {
            core.shopSettings.change(admin, false, true, new CheckoutSettings.HoldCaps(null, null));
            assertThatThrownBy(() -> core.paymentSetup.configure(admin, "stripe",
                    Map.of("apiKey", "sk_live_123", "webhookSecret", "whsec_abc"), true))
                    .isInstanceOf(InvalidFieldException.class).hasMessageContaining("test mode");
            core.paymentSetup.configure(admin, "stripe", Map.of("apiKey", "sk_test_123", "webhookSecret", "whsec_abc"), true);
            var accepted = core.callbacks.receive("stripe", stripeSigned(testEvent, "whsec_abc"),
                    testEvent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(accepted.accepted()).as("a test shop takes test events").isTrue();
        });
    }

    private static Map<String, String> stripeSigned(String payload, String secret) {
        try {
            long t = Instant.now().getEpochSecond();
            String v1 = com.stripe.net.Webhook.Util.computeHmacSha256(secret, t + "." + payload);
            return Map.of("stripe-signature", "t=" + t + ",v1=" + v1);
        } catch (java.security.NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unpaidOrdersNamingSomeoneElsesAddressNeitherLockThemOutNorTellWhatTheyBought() {
        sql("UPDATE " + shop.schemaName() + ".ticket_type SET capacity = 10, max_per_order = 3, max_per_buyer = 3 WHERE id = " + typeA);
        String victim = "victim-" + UUID.randomUUID() + "@buyers.test";
        in(shop, () -> {
            Hold mallorys = core.holds.place(as("mallory"), List.of(new HoldLine(typeA, 3)));
            core.orders.place(new OrderService.Buyer("mallory", victim, "Not the victim"), CLIENT, "key-mallory-" + UUID.randomUUID(),
                    List.of(mallorys.id()), null, SHOP);
            // before: "orders to <victim> already have 3", and the victim could buy nothing
            Hold own = core.holds.place(as("victim"), List.of(new HoldLine(typeA, 3)));
            var placed = core.orders.place(new OrderService.Buyer("victim", victim, "Victim"), CLIENT, "key-victim-" + UUID.randomUUID(),
                    List.of(own.id()), null, SHOP);
            assertThat(placed.created()).isTrue();
            byte[] paid = callbackBody(placed.order(), "payment.paid");
            core.callbacks.receive(SandboxPaymentProvider.ID, signed(paid), paid);

            // what was paid for the address does count, for anyone; the answer names neither orders nor numbers
            Hold more = core.holds.place(as("mallory-2"), List.of(new HoldLine(typeA, 1)));
            assertThatThrownBy(() -> core.orders.place(new OrderService.Buyer("mallory-2", victim.toUpperCase(Locale.ROOT), null),
                    CLIENT, "key-mallory-2-" + UUID.randomUUID(), List.of(more.id()), null, SHOP))
                    .isInstanceOf(HoldLimitException.class).hasMessageContaining("for this e-mail address")
                    .hasMessageNotContaining(victim).hasMessageNotContaining("already");
        });
    }

    @Test
    void aLatePaymentTakesItsCouponUseAgainOrIsRefunded() {
        String code = "ONCE-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String schema = shop.schemaName();
        sql("INSERT INTO " + schema + ".coupon (code, percent_off, usage_limit) VALUES ('" + code + "', 10, 1)");
        OrderView late = TenantContext.callAs(shop, () -> {
            Hold hold = core.holds.place(as("late-1"), List.of(new HoldLine(typeA, 1)));
            return core.orders.place(buyer("late-1"), CLIENT, "key-late-" + UUID.randomUUID(), List.of(hold.id()), code, SHOP).order();
        });
        sql("UPDATE " + schema + ".customer_order SET expires_at = now() - interval '1 second' WHERE id = '" + late.id() + "'");
        in(shop, () -> core.orders.expireDue(1000));
        assertThat(count("SELECT times_used FROM " + schema + ".coupon WHERE code = '" + code + "'")).as("the ended order gave its use back").isZero();
        in(shop, () -> {
            Hold hold = core.holds.place(as("late-2"), List.of(new HoldLine(typeB, 1)));
            core.orders.place(buyer("late-2"), CLIENT, "key-late-" + UUID.randomUUID(), List.of(hold.id()), code, SHOP);
        });

        // the first buyer's payment page was still open, and the money arrives now
        byte[] paid = callbackBody(late, "payment.paid");
        var outcome = TenantContext.callAs(shop, () -> core.callbacks.receive(SandboxPaymentProvider.ID, signed(paid), paid));
        assertThat(outcome.message()).contains("coupon used up");
        assertThat(count("SELECT times_used FROM " + schema + ".coupon WHERE code = '" + code + "'")).as("one use, one order").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + schema + ".ticket WHERE order_id = '" + late.id() + "'")).isZero();
        assertThat(count("SELECT count(*) FROM " + schema + ".customer_order WHERE id = '" + late.id() + "' AND status = 'REFUNDED'"))
                .as("the late money went back").isEqualTo(1);
    }

    @Test
    void buyerDataIsSealedAtRestYetFoundByEmailAndCanBeExportedAndErased() {
        String email = "Zoe.Plain-" + UUID.randomUUID().toString().substring(0, 8) + "@buyers.test";
        String name = "Zoë 张伟";
        String schema = shop.schemaName();
        UUID[] holdId = new UUID[1];
        OrderView order = TenantContext.callAs(shop, () -> {
            Hold hold = core.holds.place(as("privacy-1"), List.of(new HoldLine(typeA, 2)));
            holdId[0] = hold.id();
            return core.orders.place(new OrderService.Buyer("privacy-1", email, name), CLIENT, "key-privacy-" + UUID.randomUUID(),
                    List.of(hold.id()), null, SHOP).order();
        });
        String guessable = OrderService.sha256(List.of(holdId[0]) + "|null|" + email.toLowerCase(Locale.ROOT));
        assertThat(count("SELECT count(*) FROM " + schema + ".customer_order WHERE request_sha256 = '" + guessable + "'"))
                .as("the request fingerprint is keyed: guessing the address does not confirm it").isZero();
        byte[] paid = callbackBody(order, "payment.paid");
        TenantContext.runAs(shop, () -> core.callbacks.receive(SandboxPaymentProvider.ID, signed(paid), paid));
        assertThat(plainOccurrences(schema, email.toLowerCase(Locale.ROOT)) + plainOccurrences(schema, "Zoë"))
                .as("neither the address nor the name in any column of the shop's schema, outbox included").isZero();

        in(shop, () -> {
            assertThat(core.orders.find(order.id()).buyerEmail()).isEqualTo(email);
            assertThat(core.orders.search(new OrderSearches.Search(null, null, email.toUpperCase(Locale.ROOT), null, null, null, false, 10)))
                    .as("staff still find it by the address, in any case").extracting(OrderView::id).containsExactly(order.id());
            String export = core.privacy.export(STAFF, email);
            assertThat(export).contains(email).contains(name).contains(order.id().toString()).contains("\"tickets\":[{")
                    .contains("\"holds\":[{");
            assertThatThrownBy(() -> core.privacy.export(STAFF, "not an address")).isInstanceOf(InvalidFieldException.class);

            assertThat(core.privacy.erase(STAFF, email)).isEqualTo(1);
            assertThat(core.privacy.export(STAFF, email)).contains("\"orders\":[]").contains("\"holds\":[]");
            OrderView kept = core.orders.find(order.id());
            assertThat(kept.buyerEmail()).isEqualTo("(erased)");
            assertThat(kept.buyer()).startsWith("erased:");
            assertThat(kept.status()).as("the money record stays").isEqualTo(OrderStatus.PAID);
            assertThat(kept.total()).isEqualTo(order.total());
        });
        assertThat(count("SELECT count(*) FROM " + schema + ".ticket WHERE order_id = '" + order.id() + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM " + schema + ".hold WHERE buyer = 'privacy-1'")).isZero();
        assertThat(count("SELECT count(*) FROM " + schema + ".staff_audit WHERE action IN ('buyer.export', 'buyer.erase')"))
                .isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT count(*) FROM " + schema + ".staff_audit WHERE detail ILIKE '%buyers.test%'"))
                .as("the audit log names no buyer").isZero();
        assertThat(plainOccurrences(schema, email.toLowerCase(Locale.ROOT))).as("nothing left, even sealed data is gone").isZero();
    }

    @Test
    void aBuyerWithAnOrderAwaitingPaymentIsNotErasedYet() {
        String email = "waiting-" + UUID.randomUUID().toString().substring(0, 8) + "@buyers.test";
        in(shop, () -> {
            Hold hold = core.holds.place(as("privacy-2"), List.of(new HoldLine(typeB, 1)));
            core.orders.place(new OrderService.Buyer("privacy-2", email, null), CLIENT, "key-privacy-" + UUID.randomUUID(),
                    List.of(hold.id()), null, SHOP);
            assertThatThrownBy(() -> core.privacy.erase(STAFF, email)).isInstanceOf(CatalogConflictException.class)
                    .hasMessageContaining("waiting for payment");
            assertThat(core.privacy.export(STAFF, email)).contains(email);
        });
    }

    /** Rows of any text column of the schema that contain {@code needle}, whatever the case (what psql would find). */
    private static long plainOccurrences(String schema, String needle) {
        long found = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet columns = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = '"
                     + schema + "' AND data_type IN ('text', 'character varying', 'character', 'jsonb')")) {
            List<String> queries = new java.util.ArrayList<>();
            while (columns.next()) {
                queries.add("SELECT count(*) FROM " + schema + "." + columns.getString(1) + " WHERE strpos(lower("
                        + columns.getString(2) + "::text), lower('" + needle.replace("'", "''") + "')) > 0");
            }
            for (String query : queries) {
                found += count(query);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Rate windows are whole minutes: a test that counts within one waits out the last seconds of a minute. */
    private static void awayFromAMinuteEdge() {
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 45) {
            try {
                Thread.sleep((61 - second) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private OrderView placeOrder(String buyer, String key, long type, int quantity) {
        Hold hold = core.holds.place(as(buyer), List.of(new HoldLine(type, quantity)));
        var placed = core.orders.place(buyer(buyer), CLIENT, key, List.of(hold.id()), null, SHOP);
        assertThat(placed.created()).isTrue();
        assertThat(placed.order().paymentRef()).as("the sandbox payment was started").isNotNull();
        return placed.order();
    }

    /** A buyer asking from the tests' one client address. */
    private static Requester as(String buyer) {
        return new Requester(buyer, CLIENT);
    }

    private static OrderService.Buyer buyer(String subject) {
        return new OrderService.Buyer(subject, subject + "@buyers.test", "Buyer " + subject);
    }

    private static byte[] callbackBody(OrderView order, String type) {
        return SandboxPaymentProvider.callbackBody("evt_" + UUID.randomUUID(), type, order.paymentRef(), order.total(), Instant.now());
    }

    private static Map<String, String> signed(byte[] body) {
        String secret = core.transactions.inTransaction(() -> core.providers.credentials(SandboxPaymentProvider.ID))
                .get(SandboxPaymentProviderFactory.WEBHOOK_SECRET);
        return Map.of(SandboxSignature.HEADER.toLowerCase(Locale.ROOT), SandboxSignature.sign(secret, Instant.now(), body));
    }

    private static void in(Tenant tenant, Runnable work) {
        TenantContext.runAs(tenant, work);
    }

    private static long heldSeats(long type) {
        return count("SELECT count(*) FROM " + shop.schemaName() + ".hold_slot WHERE ticket_type_id = " + type);
    }

    private static long count(String sql) {
        return PlainSql.count(db, sql);
    }

    private static void sql(String sql) {
        PlainSql.run(db, sql);
    }
}
