package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.order.OrderStatus;
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
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
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
            core.holds.place("buyer-1", List.of(new HoldLine(typeA, 2)));
            assertThatThrownBy(() -> core.holds.place("buyer-2", List.of(new HoldLine(typeB, 1), new HoldLine(typeA, 2))))
                    .isInstanceOfSatisfying(SoldOutException.class, e -> assertThat(e.available()).isEqualTo(1));
            assertThat(core.holds.available(Map.of(typeA, 3, typeB, 3))).containsEntry(typeA, 1).containsEntry(typeB, 3);
        });
        assertThat(heldSeats(typeA)).isEqualTo(2);
        assertThat(heldSeats(typeB)).as("all lines or none: the seat of B taken for the failed hold went back").isZero();
    }

    @Test
    void limitsAndReleases() {
        in(shop, () -> {
            assertThatThrownBy(() -> core.holds.place("buyer-1", List.of(new HoldLine(typeA, 4))))
                    .isInstanceOf(HoldLimitException.class).hasMessageContaining("per order");
            Hold hold = core.holds.place("buyer-1", List.of(new HoldLine(typeA, 3)));
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
            Hold hold = core.holds.place("buyer-4", List.of(new HoldLine(typeA, 1)));
            OrderView order = core.orders.place(buyer("buyer-4"), key, List.of(hold.id()), null, SHOP).order();
            var again = core.orders.place(buyer("buyer-4"), key, List.of(hold.id()), null, SHOP);
            assertThat(again.created()).as("a double click makes no second order").isFalse();
            assertThat(again.order().id()).isEqualTo(order.id());
            Hold other = core.holds.place("buyer-4", List.of(new HoldLine(typeB, 1)));
            assertThatThrownBy(() -> core.orders.place(buyer("buyer-4"), key, List.of(other.id()), null, SHOP))
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
        assertThatThrownBy(() -> core.holds.place("buyer-6", List.of(new HoldLine(typeA, 1))))
                .isInstanceOf(NoTenantContextException.class);
    }

    private OrderView placeOrder(String buyer, String key, long type, int quantity) {
        Hold hold = core.holds.place(buyer, List.of(new HoldLine(type, quantity)));
        var placed = core.orders.place(buyer(buyer), key, List.of(hold.id()), null, SHOP);
        assertThat(placed.created()).isTrue();
        assertThat(placed.order().paymentRef()).as("the sandbox payment was started").isNotNull();
        return placed.order();
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
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void sql(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
