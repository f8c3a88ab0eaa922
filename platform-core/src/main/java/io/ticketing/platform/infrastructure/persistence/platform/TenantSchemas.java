package io.ticketing.platform.infrastructure.persistence.platform;

import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Versioned migrations (Flyway): {@code db/platform} for the registry, {@code db/tenant} for every
 * tenant schema. Each schema keeps its own history table, so tenants migrate independently and a
 * second node migrating at the same time waits on Flyway's lock instead of racing.
 */
public class TenantSchemas {

    public static final String PLATFORM_SCHEMA = "platform";
    private static final Logger LOG = Logger.getLogger(TenantSchemas.class.getName());

    private final DataSource dataSource;

    public TenantSchemas(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void migratePlatform() {
        flyway(PLATFORM_SCHEMA, "classpath:db/platform").migrate();
    }

    /** Creates the tenant's schema when missing and applies every pending migration. */
    public void migrateTenant(TenantSlug slug) {
        flyway(slug.schemaName(), "classpath:db/tenant").migrate();
    }

    /** Brings the registry and every registered tenant up to the latest migration; returns how many tenants. */
    public int migrateAll() {
        migratePlatform();
        List<Tenant> tenants = new TenantRegistry(dataSource).findAll();
        for (Tenant tenant : tenants) {
            migrateTenant(tenant.slug());
        }
        LOG.info(() -> "Migrations applied: platform schema and " + tenants.size() + " tenant schema(s)");
        return tenants.size();
    }

    /** Drops the tenant's schema and everything in it; a schema that is already gone is fine. */
    public void dropTenant(TenantSlug slug) {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            // schemaName() comes from a validated slug: lowercase letters, digits and underscores
            s.execute("DROP SCHEMA IF EXISTS " + slug.schemaName() + " CASCADE");
        } catch (java.sql.SQLException e) {
            throw new PlatformDataException("Could not drop the schema of tenant '" + slug + "'", e);
        }
    }

    /** How many of this build's tenant migrations the tenant's schema still lacks. */
    public int pendingMigrations(TenantSlug slug) {
        return flyway(slug.schemaName(), "classpath:db/tenant").info().pending().length;
    }

    /** The version a tenant schema is at, or {@link MigrationVersion#EMPTY} when it has none. */
    public MigrationVersion currentVersion(TenantSlug slug) {
        var current = flyway(slug.schemaName(), "classpath:db/tenant").info().current();
        return current == null ? MigrationVersion.EMPTY : current.getVersion();
    }

    private Flyway flyway(String schema, String location) {
        return Flyway.configure(TenantSchemas.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .failOnMissingLocations(true)
                .load();
    }
}
