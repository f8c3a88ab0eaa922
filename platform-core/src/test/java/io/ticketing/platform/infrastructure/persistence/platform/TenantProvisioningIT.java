package io.ticketing.platform.infrastructure.persistence.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry and the per-tenant migrations, on a real PostgreSQL. */
class TenantProvisioningIT {

    private static DataSource db;
    private static TenantRegistry registry;
    private static TenantSchemas schemas;
    private static TenantProvisioning provisioning;

    @BeforeAll
    static void database() {
        db = SharedPostgres.dataSource();
        registry = new TenantRegistry(db);
        schemas = new TenantSchemas(db);
        schemas.migratePlatform();
        provisioning = new TenantProvisioning(registry, schemas);
    }

    @Test
    void provisioningCreatesTheSchemaWithEveryMigrationAndTheRegistryRow() throws SQLException {
        String slug = unique("prov");
        Tenant tenant = provisioning.provision(NewTenant.of(slug, "Provisioned Ltd", slug + ".tickets.test"));

        assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(tenant.hosts()).containsExactly(slug + ".tickets.test");
        assertThat(tablesOf(tenant.schemaName())).contains("venue", "event", "ticket_type", "flyway_schema_history");
        assertThat(schemas.pendingMigrations(tenant.slug())).isZero();
        assertThat(registry.findByHost(slug + ".tickets.test")).contains(tenant);
        assertThat(registry.findBySlug(new TenantSlug(slug))).contains(tenant);
    }

    @Test
    void migrationsReachEveryTenantIncludingOnesLeftBehind() throws SQLException {
        // A tenant registered by an older release whose schema never got this build's migrations.
        String behind = unique("behind");
        registry.register(NewTenant.of(behind, "Left Behind"), TenantStatus.ACTIVE);
        TenantSlug behindSlug = new TenantSlug(behind);
        assertThat(tablesOf(behindSlug.schemaName())).isEmpty();
        assertThat(schemas.pendingMigrations(behindSlug)).isPositive();

        int migrated = schemas.migrateAll();

        assertThat(migrated).isEqualTo(registry.findAll().size());
        for (Tenant tenant : registry.findAll()) {
            assertThat(schemas.pendingMigrations(tenant.slug())).as(tenant.slug().value()).isZero();
        }
        assertThat(tablesOf(behindSlug.schemaName())).contains("venue", "event", "ticket_type");
    }

    @Test
    void takenSlugOrHostIsAConflictNamingTheFieldAndChangesNothing() {
        String slug = unique("taken");
        provisioning.provision(NewTenant.of(slug, "First", slug + ".tickets.test"));
        int before = registry.findAll().size();

        assertThatThrownBy(() -> provisioning.provision(NewTenant.of(slug, "Second")))
                .isInstanceOfSatisfying(TenantConflictException.class, e -> assertThat(e.field()).isEqualTo("slug"));
        String other = unique("other");
        assertThatThrownBy(() -> registry.register(NewTenant.of(other, "Third", slug + ".tickets.test"), TenantStatus.ACTIVE))
                .isInstanceOfSatisfying(TenantConflictException.class, e -> assertThat(e.field()).isEqualTo("hosts"));

        assertThat(registry.findAll()).hasSize(before);
        assertThat(registry.findBySlug(new TenantSlug(other))).isEmpty();
    }

    @Test
    void theSameRequestTwiceGivesTheSameTenant() {
        String slug = unique("twice");
        NewTenant request = new NewTenant(new TenantSlug(slug), "Twice", List.of(slug + ".tickets.test"), null, "boss@twice.test");
        Tenant first = provisioning.provision(request);
        Tenant second = provisioning.provision(request);
        assertThat(second).isEqualTo(first);
        assertThat(second.status()).isEqualTo(TenantStatus.ACTIVE);
    }

    @Test
    void aFailedStepLeavesTheTenantProvisioningAndARetryFinishesIt() {
        String slug = unique("resume");
        NewTenant request = new NewTenant(new TenantSlug(slug), "Resumable", List.of(), null, "boss@resume.test");
        List<String> stepsRun = new ArrayList<>();
        assertThatThrownBy(() -> provisioning.provision(request, List.of(t -> {
            stepsRun.add("identity, first try");
            throw new IllegalStateException("identity provider down");
        }))).hasMessage("identity provider down");

        Tenant halfMade = registry.findBySlug(new TenantSlug(slug)).orElseThrow();
        assertThat(halfMade.status()).isEqualTo(TenantStatus.PROVISIONING);
        assertThat(schemas.pendingMigrations(halfMade.slug())).isZero();

        Tenant done = provisioning.provision(request, List.of(t -> stepsRun.add("identity, retry for " + t.slug())));
        assertThat(done.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(done.id()).isEqualTo(halfMade.id());
        assertThat(stepsRun).containsExactly("identity, first try", "identity, retry for " + slug);
    }

    @Test
    void statusChangesAreVisibleAtOnce() {
        String slug = unique("status");
        provisioning.provision(NewTenant.of(slug, "Status Co"));
        registry.changeStatus(new TenantSlug(slug), TenantStatus.SUSPENDED);
        assertThat(registry.findBySlug(new TenantSlug(slug)).orElseThrow().status()).isEqualTo(TenantStatus.SUSPENDED);
        assertThatThrownBy(() -> registry.changeStatus(new TenantSlug(unique("ghost")), TenantStatus.ACTIVE))
                .hasMessageContaining("No tenant");
    }

    @Test
    void databaseDownIsAPlatformDataErrorNotAnEmptyAnswer() {
        DataSource nowhere = SharedPostgres.dataSource("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2", "x", "y");
        assertThatThrownBy(() -> new TenantRegistry(nowhere).findBySlug(new TenantSlug("demo")))
                .isInstanceOf(PlatformDataException.class)
                .hasMessageContaining("tenant registry");
    }

    private static String unique(String prefix) {
        return prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    private static List<String> tablesOf(String schema) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                     + schema + "' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            return tables;
        }
    }
}
