package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.metrics.BusinessMetrics;
import com.hazelcast.core.HazelcastInstance;
import io.ticketing.platform.infrastructure.cache.CatalogCache;
import io.ticketing.platform.domain.report.ReportReads;
import io.ticketing.platform.domain.stock.StockStrategy;
import io.ticketing.platform.infrastructure.payment.PaymentProviders;
import io.ticketing.platform.infrastructure.persistence.JdbcTenantTransactions;
import io.ticketing.platform.infrastructure.persistence.order.BuyerDataCipher;
import io.ticketing.platform.infrastructure.persistence.order.JdbcBuyerRecords;
import io.ticketing.platform.infrastructure.persistence.order.JdbcCallbackInbox;
import io.ticketing.platform.infrastructure.persistence.order.JdbcCheckoutSettings;
import io.ticketing.platform.infrastructure.persistence.order.JdbcCouponRedemptions;
import io.ticketing.platform.infrastructure.persistence.order.JdbcOrderHolds;
import io.ticketing.platform.infrastructure.persistence.order.JdbcOrderRepository;
import io.ticketing.platform.infrastructure.persistence.order.JdbcOrderSearches;
import io.ticketing.platform.infrastructure.persistence.order.JdbcOutbox;
import io.ticketing.platform.infrastructure.persistence.order.JdbcPaymentSettings;
import io.ticketing.platform.infrastructure.persistence.order.JdbcRefundRepository;
import io.ticketing.platform.infrastructure.persistence.order.JdbcTicketRepository;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.report.JdbcReportJobs;
import io.ticketing.platform.infrastructure.persistence.report.JdbcSalesLedger;
import io.ticketing.platform.infrastructure.persistence.stock.JdbcHoldRepository;
import io.ticketing.platform.infrastructure.persistence.stock.JdbcStockCounters;
import io.ticketing.platform.infrastructure.persistence.tenant.JdbcStaffAuditLog;
import io.ticketing.platform.infrastructure.ratelimit.TenantRateLimiter;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.infrastructure.stock.StockEngine;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The checkout's application services wired by hand, as the container wires them, on a real
 * PostgreSQL and a real Hazelcast member: so a use case is tested next to its code, and a failure
 * points at it rather than at a two-node cluster run. The sandbox provider is on, as in development.
 */
final class CoreServices {

    final JdbcTenantTransactions transactions;
    final StockEngine stock = new StockEngine();
    final PaymentProviders providers = new PaymentProviders();
    final HoldService holds = new HoldService();
    final OrderService orders = new OrderService();
    final PaymentCallbacks callbacks = new PaymentCallbacks();
    final RefundService refunds = new RefundService();
    final GuestCheckout guests = new GuestCheckout();
    final BuyerLimits limits = new BuyerLimits();
    final ShopSettings shopSettings = new ShopSettings();
    final PaymentSetup paymentSetup = new PaymentSetup();
    final BuyerPrivacy privacy = new BuyerPrivacy();
    final JdbcOrderRepository orderRows = new JdbcOrderRepository();
    final BuyerDataCipher cipher;

    CoreServices(DataSource dataSource, HazelcastInstance hazelcast) {
        transactions = new JdbcTenantTransactions(dataSource);
        var holdRows = new JdbcHoldRepository();
        var counters = new JdbcStockCounters();
        TenantSecrets secrets = new TenantSecrets();
        inject(secrets, "registry", new TenantRegistry(dataSource), "masterKey", Optional.of(SecretBox.newMasterKey()));
        cipher = new BuyerDataCipher(secrets);
        inject(orderRows, "cipher", cipher);
        var orderSearches = new JdbcOrderSearches();
        inject(orderSearches, "cipher", cipher);
        var buyerRecords = new JdbcBuyerRecords();
        inject(buyerRecords, "cipher", cipher);
        var orderHolds = new JdbcOrderHolds();
        var coupons = new JdbcCouponRedemptions();
        var tickets = new JdbcTicketRepository();
        inject(tickets, "cipher", cipher);
        var outbox = new JdbcOutbox();

        inject(stock, "hazelcast", hazelcast, "holds", holdRows, "counters", counters, "strategy", StockStrategy.SLOTS);
        call(stock, "configureLedgerMaps");
        inject(providers, "secrets", secrets, "settings", new JdbcPaymentSettings());
        providers.loadFactories(key -> key.equals("ticketing.payments.sandbox") ? Optional.of("true") : Optional.empty());

        var checkoutSettings = new JdbcCheckoutSettings();
        var audit = new JdbcStaffAuditLog();
        // The platform's defaults, as in production, except per address: every test buyer comes from one.
        inject(limits, "rates", new TenantRateLimiter(hazelcast), "secrets", secrets, "holdsPerBuyer", 20, "holdsPerAddress", 1000,
                "ordersPerBuyer", 10, "ordersPerAddress", 1000, "heldPerBuyer", 20, "heldPerAddress", 1000, "newGuestsPerAddress", 30);
        inject(holds, "transactions", transactions, "holds", holdRows, "counters", counters, "stock", stock,
                "inFlightGraceSeconds", 120, "settings", checkoutSettings, "limits", limits, "catalog", new CatalogCache(hazelcast),
                "metrics", new BusinessMetrics());
        inject(orders, "transactions", transactions, "orders", orderRows, "orderHolds", orderHolds, "searches",
                orderSearches, "coupons", coupons, "providers", providers, "holds", holds, "paymentMinutes", 15,
                "limits", limits, "secrets", secrets, "tickets", tickets, "outbox", outbox, "metrics", new BusinessMetrics());
        inject(callbacks, "transactions", transactions, "inbox", new JdbcCallbackInbox(), "orders", orderRows, "orderHolds",
                orderHolds, "coupons", coupons, "tickets", tickets, "outbox", outbox, "providers", providers, "holds", holds,
                "settings", checkoutSettings, "metrics", new BusinessMetrics());
        inject(shopSettings, "transactions", transactions, "settings", checkoutSettings, "audit", audit, "limits", limits);
        inject(paymentSetup, "transactions", transactions, "providers", providers, "settings", checkoutSettings, "audit", audit);
        inject(privacy, "transactions", transactions, "records", buyerRecords, "audit", audit);
        inject(refunds, "transactions", transactions, "orderRows", orderRows, "refunds", new JdbcRefundRepository(),
                "tickets", tickets, "outbox", outbox, "providers", providers, "stock", stock, "orders", orders,
                "metrics", new BusinessMetrics());
        inject(guests, "transactions", transactions, "settings", checkoutSettings, "secrets", secrets);
    }

    /** The sales reports reading through {@code reads} and written by {@code writer}; jobs and audit in the shop's schema. */
    SalesReports salesReports(ReportReads reads, SalesReportWriter writer) {
        return new SalesReports(reads, new JdbcSalesLedger(cipher), writer, new JdbcReportJobs(), transactions,
                new JdbcStaffAuditLog(), 2000, 24);
    }

    /** Sets fields by name, as the container injects them. */
    static void inject(Object target, Object... namesAndValues) {
        try {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                Field field = target.getClass().getDeclaredField((String) namesAndValues[i]);
                field.setAccessible(true);
                field.set(target, namesAndValues[i + 1]);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot wire " + target.getClass().getSimpleName(), e);
        }
    }

    private static void call(Object target, String method) {
        try {
            Method m = target.getClass().getDeclaredMethod(method);
            m.setAccessible(true);
            m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start " + target.getClass().getSimpleName(), e);
        }
    }
}
