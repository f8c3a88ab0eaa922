package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.domain.order.OrderStatus;
import io.ticketing.platform.domain.order.OrderView;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.stock.Hold;
import io.ticketing.platform.domain.stock.HoldLine;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProvider;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxPaymentProviderFactory;
import io.ticketing.platform.infrastructure.payment.sandbox.SandboxSignature;
import io.ticketing.platform.infrastructure.persistence.order.JdbcOutbox;
import io.ticketing.platform.infrastructure.persistence.order.JdbcRefundRepository;
import io.ticketing.platform.infrastructure.persistence.order.JdbcTicketRepository;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.payment.spi.CallbackEvent;
import io.ticketing.platform.payment.spi.InvalidCallbackException;
import io.ticketing.platform.payment.spi.PaymentProvider;
import io.ticketing.platform.payment.spi.PaymentUnavailableException;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.LoopbackHazelcast;
import io.ticketing.platform.testsupport.PlainSql;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races around money, made deterministic with the database's own locks and a provider that waits
 * when told: a payment landing while the hold expiry sweep takes the order's seats, and a refund
 * asked for again while the first waits on the provider. Counts are read from the database.
 */
class PaymentRacesIT {

    private static final String SHOP = "http://shop.test/";
    private static DataSource db;
    private static HazelcastInstance hazelcast;
    private static CoreServices core;
    private static Tenant shop;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    private long type;

    @BeforeAll
    static void start() {
        db = SharedPostgres.dataSource();
        new TenantSchemas(db).migratePlatform();
        hazelcast = LoopbackHazelcast.member("races-" + ThreadLocalRandom.current().nextInt(1_000_000));
        core = new CoreServices(db, hazelcast);
        String slug = "races-" + ThreadLocalRandom.current().nextInt(1_000_000);
        shop = new TenantProvisioning(new TenantRegistry(db), new TenantSchemas(db)).provision(
                new NewTenant(new TenantSlug(slug), "Races " + slug, List.of(slug + ".tickets.test"), null));
    }

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
        hazelcast.shutdown();
    }

    /** A fresh event; its first ticket type has 10 seats at EUR 25.00. */
    @BeforeEach
    void event() {
        CatalogFixtures catalog = new CatalogFixtures(db, shop);
        long venue = catalog.venue("Hall", "Hamburg", "DE", ZoneId.of("Europe/Berlin"));
        long event = catalog.eventOnSale(venue, "Race " + UUID.randomUUID(), "Jazz", OffsetDateTime.now().plusDays(20),
                "EUR", "Standing", 2500, "Seated", 4000);
        sql("UPDATE " + schema() + ".ticket_type SET capacity = 10, max_per_order = 10 WHERE event_id = " + event);
        type = count("SELECT min(id) FROM " + schema() + ".ticket_type WHERE event_id = " + event);
        currentType = type;
    }

    @Test
    void aPaymentForAnOrderWhoseSeatsAreGoneIsFlaggedForStaffNotQuietlyPaid() {
        OrderView order = TenantContext.callAs(shop, () -> placeOrder("buyer-lost", 2));
        // Whatever lost them: the hold is still ACTIVE, but its seats are no longer in the database.
        sql("DELETE FROM " + schema() + ".hold_slot WHERE hold_id IN (SELECT hold_id FROM " + schema()
                + ".order_hold WHERE order_id = '" + order.id() + "')");

        var outcome = TenantContext.callAs(shop, () -> pay(order));

        OrderView after = TenantContext.callAs(shop, () -> core.orders.find(order.id()));
        assertThat(outcome.accepted()).isTrue();
        assertThat(validTickets(order.id())).isZero();
        assertThat(after.needsReview()).as("an order paid with fewer tickets than bought is for staff to see")
                .isNotNull().contains("0 of 2");
        assertThat(outcome.message()).startsWith("flagged");
    }

    @Test
    void holdExpiryRacingTheCallbackNeverLeavesAPaidOrderShortOfTickets() throws Exception {
        OrderView order = TenantContext.callAs(shop, () -> placeOrder("buyer-race", 2));
        String holdsOfOrder = "(SELECT hold_id FROM " + schema() + ".order_hold WHERE order_id = '" + order.id() + "')";
        // The hold runs out now (the order is late too, but its own sweep has not come by): both may happen at once.
        sql("UPDATE " + schema() + ".hold SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second'"
                + " WHERE id IN " + holdsOfOrder);

        Future<Integer> sweep;
        Future<PaymentCallbacks.Outcome> callback;
        try (Connection blocker = db.getConnection()) {
            // Pauses the sweep after it has marked the hold EXPIRED, just before it deletes the seats.
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeQuery("SELECT 1 FROM " + schema() + ".hold_slot WHERE hold_id IN " + holdsOfOrder + " FOR UPDATE").close();
            }
            sweep = THREADS.submit(() -> TenantContext.callAs(shop, () -> core.holds.expireDue(100)));
            awaitLockWaits(1);
            callback = THREADS.submit(() -> TenantContext.callAs(shop, () -> pay(order)));
            awaitLockWaits(2); // the payment now waits for the sweep's hold
            blocker.commit();
        }
        assertThat(sweep.get(20, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
        var outcome = callback.get(20, TimeUnit.SECONDS);

        OrderView after = TenantContext.callAs(shop, () -> core.orders.find(order.id()));
        assertThat(outcome.accepted()).isTrue();
        assertThat(after.status()).isEqualTo(OrderStatus.PAID);
        assertThat(validTickets(order.id()))
                .as("the payment saw the hold expired and took its seats again (%s; flag: %s)", outcome.message(), after.needsReview())
                .isEqualTo(2);
        assertThat(after.needsReview()).isNull();
    }

    @Test
    void aRefundAskedAgainWhileTheFirstWaitsOnTheProviderIsRefusedAndTicketsAreVoidedOnce() throws Exception {
        OrderView order = TenantContext.callAs(shop, () -> placeAndPay("buyer-refund", 3));
        BlockingProviders providers = new BlockingProviders(core.providers);
        RefundService refunds = refundsThrough(providers);
        var oneTicket = new RefundService.RefundRequest(List.of(new RefundService.RefundLine(type, 1)), false,
                "refund-" + UUID.randomUUID(), "staff@shop.test", "ill");

        Future<RefundService.Refunded> first = THREADS.submit(() -> TenantContext.callAs(shop, () -> refunds.refund(order.id(), oneTicket)));
        assertThat(providers.entered.await(20, TimeUnit.SECONDS)).as("the first refund reached the provider").isTrue();

        TenantContext.runAs(shop, () -> {
            assertThatThrownBy(() -> refunds.refund(order.id(), oneTicket)).as("the same refund again")
                    .isInstanceOf(RefundInProgressException.class).hasMessageContaining("in progress");
            var another = new RefundService.RefundRequest(List.of(new RefundService.RefundLine(type, 1)), false,
                    "refund-" + UUID.randomUUID(), "staff@shop.test", "ill");
            assertThatThrownBy(() -> refunds.refund(order.id(), another)).as("another refund of the order")
                    .isInstanceOf(RefundInProgressException.class);
        });
        providers.release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).amount().minorUnits()).isEqualTo(2500);

        assertThat(voidTickets(order.id())).isEqualTo(1);
        assertThat(count("SELECT refunded_quantity FROM " + schema() + ".order_line WHERE order_id = '" + order.id() + "'")).isEqualTo(1);
        assertThat(count("SELECT refunded_minor FROM " + schema() + ".customer_order WHERE id = '" + order.id() + "'")).isEqualTo(2500);
        assertThat(providers.refundCalls.get()).isEqualTo(1);
        // Once it is done, the same request answers with what was done, and another refund may go.
        TenantContext.runAs(shop, () -> assertThat(refunds.refund(order.id(), oneTicket).created()).isFalse());
    }

    @Test
    void aRefundLeftBehindByAStoppedNodeIsFinishedOnceByTheSameRequest() throws Exception {
        OrderView order = TenantContext.callAs(shop, () -> placeAndPay("buyer-stale", 3));
        BlockingProviders providers = new BlockingProviders(core.providers);
        RefundService refunds = refundsThrough(providers);
        var twoTickets = new RefundService.RefundRequest(List.of(new RefundService.RefundLine(type, 2)), false,
                "refund-" + UUID.randomUUID(), "staff@shop.test", "ill");

        Future<RefundService.Refunded> lost = THREADS.submit(() -> TenantContext.callAs(shop, () -> refunds.refund(order.id(), twoTickets)));
        assertThat(providers.entered.await(20, TimeUnit.SECONDS)).isTrue();
        // As if its node had stopped long ago: the reservation is older than any provider call.
        sql("UPDATE " + schema() + ".refund SET reserved_at = now() - interval '1 hour' WHERE order_id = '" + order.id() + "'");

        var finished = TenantContext.callAs(shop, () -> refunds.refund(order.id(), twoTickets));
        assertThat(finished.amount().minorUnits()).isEqualTo(5000);
        providers.release.countDown();
        lost.get(20, TimeUnit.SECONDS);

        assertThat(voidTickets(order.id())).as("both tries finished; the tickets were voided by one").isEqualTo(2);
        assertThat(count("SELECT refunded_quantity FROM " + schema() + ".order_line WHERE order_id = '" + order.id() + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM " + schema() + ".refund WHERE status = 'DONE' AND order_id = '" + order.id() + "'"))
                .isEqualTo(1);
    }

    /** The shop's providers, whose first refund waits at the provider until released. */
    private static final class BlockingProviders extends PaymentProviders {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger refundCalls = new AtomicInteger();
        private final PaymentProviders real;

        BlockingProviders(PaymentProviders real) {
            this.real = real;
        }

        @Override
        public Optional<PaymentProvider> of(String providerId) {
            return real.of(providerId).map(provider -> new PaymentProvider() {
                @Override
                public PaymentSession createPayment(PaymentRequest request) throws PaymentUnavailableException {
                    return provider.createPayment(request);
                }

                @Override
                public CallbackEvent verifyCallback(Map<String, String> headers, byte[] body) throws InvalidCallbackException {
                    return provider.verifyCallback(headers, body);
                }

                @Override
                public PaymentStatus status(String paymentRef) throws PaymentUnavailableException {
                    return provider.status(paymentRef);
                }

                @Override
                public RefundResult refund(String paymentRef, Money amount, String key) throws PaymentUnavailableException {
                    if (refundCalls.incrementAndGet() == 1) {
                        entered.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return provider.refund(paymentRef, amount, key);
                }
            });
        }
    }

    private static RefundService refundsThrough(PaymentProviders providers) {
        RefundService refunds = new RefundService();
        CoreServices.inject(refunds, "transactions", core.transactions, "orderRows", core.orderRows,
                "refunds", new JdbcRefundRepository(), "tickets", new JdbcTicketRepository(), "outbox", new JdbcOutbox(),
                "providers", providers, "stock", core.stock, "orders", core.orders,
                "metrics", new io.ticketing.platform.infrastructure.metrics.BusinessMetrics());
        return refunds;
    }

    /** Waits until at least {@code n} statements on the holds wait for a lock. */
    private static void awaitLockWaits(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%hold%'") < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " statement(s) waiting for a lock on the holds");
            }
            Thread.sleep(20);
        }
    }

    private static OrderView placeOrder(String buyer, int quantity) {
        Hold hold = core.holds.place(new Requester(buyer, "192.0.2.20"), List.of(new HoldLine(currentType, quantity)));
        return core.orders.place(new OrderService.Buyer(buyer, buyer + "@buyers.test", "Buyer " + buyer), "192.0.2.20",
                "key-" + UUID.randomUUID(), List.of(hold.id()), null, SHOP).order();
    }

    private static OrderView placeAndPay(String buyer, int quantity) {
        OrderView order = placeOrder(buyer, quantity);
        assertThat(pay(order).message()).startsWith("paid");
        return order;
    }

    private static PaymentCallbacks.Outcome pay(OrderView order) {
        byte[] body = SandboxPaymentProvider.callbackBody("evt_" + UUID.randomUUID(), "payment.paid", order.paymentRef(),
                order.total(), Instant.now());
        String secret = core.transactions.inTransaction(() -> core.providers.credentials(SandboxPaymentProvider.ID))
                .get(SandboxPaymentProviderFactory.WEBHOOK_SECRET);
        return core.callbacks.receive(SandboxPaymentProvider.ID,
                Map.of(SandboxSignature.HEADER.toLowerCase(Locale.ROOT), SandboxSignature.sign(secret, Instant.now(), body)), body);
    }

    /** The ticket type of the running test (static helpers run on other threads). */
    private static volatile long currentType;

    private static long validTickets(UUID orderId) {
        return count("SELECT count(*) FROM " + schema() + ".ticket WHERE status = 'VALID' AND order_id = '" + orderId + "'");
    }

    private static long voidTickets(UUID orderId) {
        return count("SELECT count(*) FROM " + schema() + ".ticket WHERE status = 'VOID' AND order_id = '" + orderId + "'");
    }

    private static String schema() {
        return shop.schemaName();
    }

    private static long count(String sql) {
        return PlainSql.count(db, sql);
    }

    private static void sql(String sql) {
        PlainSql.run(db, sql);
    }
}
