package io.ticketing.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketing.platform.application.EventCatalog;
import io.ticketing.platform.application.EventSummary;
import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.catalog.Event;
import io.ticketing.platform.domain.catalog.TicketType;
import io.ticketing.platform.domain.catalog.Venue;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.persistence.PlatformDatabase;
import io.ticketing.platform.infrastructure.persistence.TenantEntityManager;
import io.ticketing.platform.infrastructure.tenancy.NoTenantContextException;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside a real Payara Micro against the shared PostgreSQL: two tenants whose rows have the
 * same ids never see each other's, whichever order they are read in; nothing tenant-scoped works
 * without a tenant; one transaction never spans two tenants; and the schema binding ends with
 * its transaction.
 */
@ExtendWith(ArquillianExtension.class)
class TenantIsolationIT {

    /**
     * The storefront WAR as built, with one change: Arquillian's runner servlet is served without a
     * tenant, like Faces resources (otherwise the tenant filter answers it with "No shop here").
     */
    @Deployment
    static WebArchive storefront() throws Exception {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
        String webXml;
        try (var in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String patched = webXml.replace("<param-value>/jakarta.faces.resource/,", "<param-value>/ArquillianServletRunner,/jakarta.faces.resource/,");
        if (patched.equals(webXml)) {
            throw new IllegalStateException("web.xml no longer lists tenantFreePaths as this test expects");
        }
        return war.setWebXML(new StringAsset(patched));
    }

    @Inject
    TenantRegistry registry;
    @Inject
    TenantSchemas schemas;
    @Inject
    TenantEntityManager tenantEntityManager;
    @Inject
    EventCatalog catalog;

    @Test
    void tenantsWithTheSameIdsNeverSeeEachOthersRows() throws Exception {
        Tenant a = provision("iso-a");
        Tenant b = provision("iso-b");
        long idA = TenantContext.callAs(a, () -> inTransaction(() -> createEvent("Only in A", "EUR", 3000)));
        long idB = TenantContext.callAs(b, () -> inTransaction(() -> createEvent("Only in B", "USD", 4000)));
        assertEquals(idA, idB, "both fresh schemas hand out the same first id, which is what makes this test bite");

        // Alternate several times, so anything cached by id after the first read would show up.
        for (int round = 0; round < 3; round++) {
            assertEquals("Only in A", titleOf(a, idA));
            assertEquals("Only in B", titleOf(b, idB));
        }
        List<EventSummary> listedA = TenantContext.callAs(a, () -> catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), 10));
        List<EventSummary> listedB = TenantContext.callAs(b, () -> catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), 10));
        assertEquals(List.of("Only in A"), listedA.stream().map(EventSummary::title).toList());
        assertEquals(List.of("Only in B"), listedB.stream().map(EventSummary::title).toList());
        assertEquals(Money.ofMinor(3000, "EUR"), listedA.get(0).priceFrom());
        assertEquals(Money.ofMinor(4000, "USD"), listedB.get(0).priceFrom());
    }

    @Test
    void tenantDataNeedsATenantContext() {
        assertThrows(NoTenantContextException.class,
                () -> catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), 10));
        assertThrows(NoTenantContextException.class, () -> catalog.find(1));
    }

    @Test
    void oneTransactionCannotTouchTwoTenants() throws Exception {
        Tenant a = provision("two-a");
        Tenant b = provision("two-b");
        UserTransaction tx = lookup("java:comp/UserTransaction");
        tx.begin();
        try {
            TenantContext.runAs(a, () -> catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), 1));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TenantContext.runAs(b, () -> catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), 1)));
            assertTrue(refused.getMessage().contains("cannot also touch tenant"), refused.getMessage());
        } finally {
            tx.rollback();
        }
    }

    @Test
    void theSchemaBindingEndsWithItsTransaction() throws Exception {
        Tenant a = provision("leak");
        TenantContext.runAs(a, () -> catalog.upcoming(OffsetDateTime.now(ZoneOffset.UTC), 1));
        DataSource pool = lookup(PlatformDatabase.JNDI_NAME);
        // Every pooled connection, borrowed one after another, is back on the server default.
        for (int i = 0; i < 4; i++) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                assertFalse(rs.getString(1).contains("tenant_"), "leaked search_path: " + rs.getString(1));
            }
        }
    }

    private Tenant provision(String prefix) {
        String slug = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        return new TenantProvisioning(registry, schemas).provision(NewTenant.of(slug, "Tenant " + slug));
    }

    private long createEvent(String title, String currency, long priceMinor) {
        EntityManager em = tenantEntityManager.get();
        Venue venue = new Venue("Hall of " + title, null, "Springfield", "US", ZoneId.of("UTC"));
        em.persist(venue);
        Event event = new Event(venue, title, null, "Concert", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3), null);
        event.putOnSale();
        em.persist(event);
        em.persist(new TicketType(event, "General", Money.ofMinor(priceMinor, currency), 100));
        em.flush();
        return event.getId();
    }

    private String titleOf(Tenant tenant, long eventId) {
        return TenantContext.callAs(tenant, () -> catalog.find(eventId).orElseThrow().getTitle());
    }

    private <T> T inTransaction(Callable<T> work) {
        try {
            UserTransaction tx = lookup("java:comp/UserTransaction");
            tx.begin();
            try {
                T result = work.call();
                tx.commit();
                return result;
            } catch (Exception | Error e) {
                tx.rollback();
                throw e;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) throws Exception {
        return (T) new InitialContext().lookup(name);
    }
}
