package io.ticketing.platform.testsupport;

import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/** The demo organizer the launcher and the browser test show: one venue, a few upcoming events. */
public final class DemoTenant {

    public static final TenantSlug SLUG = new TenantSlug("demo");
    public static final String NAME = "Harbour Lights Concerts";
    /** Chromium resolves *.localhost to loopback, so this host works without DNS. */
    public static final String HOST = "demo.localhost";
    public static final List<String> LISTED_TITLES = List.of(
            "Winter Gala: Northern Lights Orchestra", "Late Night Jazz on the Quay", "Stand-up at the Harbour");
    public static final String DRAFT_TITLE = "Secret Summer Festival (draft)";
    public static final String ADMIN_EMAIL = "boss@demo.localhost";
    public static final Branding BRANDING = new Branding(null, "#0b6e4f", null);

    private DemoTenant() {
    }

    /** Creates the demo tenant (without an identity realm) with its catalog unless it exists; returns it either way. */
    public static Tenant ensure(DataSource dataSource) {
        TenantRegistry registry = new TenantRegistry(dataSource);
        var existing = registry.findBySlug(SLUG);
        if (existing.isPresent()) {
            return existing.get();
        }
        Tenant tenant = new TenantProvisioning(registry, new TenantSchemas(dataSource)).provision(
                new NewTenant(SLUG, NAME, List.of(HOST), BRANDING));
        seedCatalog(dataSource, tenant);
        return tenant;
    }

    /** One venue, three events on sale and a draft, dated from today. */
    public static void seedCatalog(DataSource dataSource, Tenant tenant) {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        CatalogFixtures catalog = new CatalogFixtures(dataSource, tenant);
        long hall = catalog.venue("Harbour Hall", "Hamburg", "DE", zone);
        OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        catalog.eventOnSale(hall, LISTED_TITLES.get(0), "Classical", evening(today.plusDays(9), zone, 19),
                "EUR", "Stalls", 6900, "Balcony", 4500);
        catalog.eventOnSale(hall, LISTED_TITLES.get(1), "Jazz", evening(today.plusDays(16), zone, 21),
                "EUR", "Standing", 2500);
        catalog.eventOnSale(hall, LISTED_TITLES.get(2), "Comedy", evening(today.plusDays(30), zone, 20),
                "EUR", "Seated", 1900, "Front row", 3500);
        catalog.event(hall, DRAFT_TITLE, "Festival", evening(today.plusDays(200), zone, 14), "DRAFT",
                "EUR", "Weekend pass", 12900);
    }

    private static OffsetDateTime evening(OffsetDateTime day, ZoneId zone, int hour) {
        return day.toLocalDate().atTime(LocalTime.of(hour, 0)).atZone(zone).toOffsetDateTime();
    }
}
