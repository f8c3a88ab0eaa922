package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's PostgreSQL connection pool, configured through MicroProfile Config
 * ({@code ticketing.db.url}, {@code ticketing.db.user}, {@code ticketing.db.password}: system
 * properties or the environment variables TICKETING_DB_URL, ...), and the start-up migration of
 * the registry and every tenant schema.
 *
 * <p>Bean-managed transactions: Flyway commits its own work, which a container transaction forbids.
 */
@DataSourceDefinition(
        name = PlatformDatabase.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=ticketing.db.url}",
        user = "${MPCONFIG=ticketing.db.user}",
        password = "${MPCONFIG=ticketing.db.password}",
        minPoolSize = 2,
        maxPoolSize = 48,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "fish.payara.fail-all-connections=true",
                // Checked before use at most every 2 s per connection, not on every checkout: each
                // check is a round trip, and a hold already makes several. After an outage a stale
                // connection fails once (a 503 that is safe to retry) before its check drops the pool.
                "fish.payara.validate-atmost-once-period-in-seconds=2"
        })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class PlatformDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/ticketing";
    private static final Logger LOG = Logger.getLogger(PlatformDatabase.class.getName());

    @Resource(lookup = JNDI_NAME)
    private DataSource dataSource;

    @Inject
    @ConfigProperty(name = "ticketing.migrate-on-start", defaultValue = "true")
    private boolean migrateOnStart;

    @Inject
    private StartupMigration startup;

    @PostConstruct
    void migrate() {
        if (migrateOnStart) {
            new TenantSchemas(dataSource).migrateAll();
            startup.finished(StartupMigration.State.DONE);
        } else {
            LOG.info("ticketing.migrate-on-start=false: schemas are left as they are");
            startup.finished(StartupMigration.State.LEFT_TO_OTHERS);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
