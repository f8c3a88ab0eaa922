package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.domain.report.ReadSource;
import io.ticketing.platform.domain.report.ReportReads;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where reports read: a read-only PostgreSQL replica when {@code ticketing.db.replica-url} is set (with
 * {@code ticketing.db.replica-user} and {@code -password}, defaulting to the primary's), else the primary's pool.
 * A replica that cannot be reached does not stop finance: the report is read from the primary and says so
 * ({@link ReadSource#PRIMARY_REPLICA_DOWN}), and the node logs it. Replica connections are opened per report, not
 * pooled: reports are few and long, and an idle pool to a replica would only hide that it went away.
 */
@ApplicationScoped
public class ReportDatabase implements ReportReads {

    private static final Logger LOG = Logger.getLogger(ReportDatabase.class.getName());
    /** How long a report waits for the replica to answer before it reads from the primary. */
    public static final int REPLICA_CONNECT_SECONDS = 3;

    @Resource(lookup = PlatformDatabase.JNDI_NAME)
    private DataSource primary;

    @Inject
    @ConfigProperty(name = "ticketing.db.replica-url")
    Optional<String> replicaUrl;
    @Inject
    @ConfigProperty(name = "ticketing.db.replica-user")
    Optional<String> replicaUser;
    @Inject
    @ConfigProperty(name = "ticketing.db.replica-password")
    Optional<String> replicaPassword;
    @Inject
    @ConfigProperty(name = "ticketing.db.user", defaultValue = "")
    String primaryUser;
    @Inject
    @ConfigProperty(name = "ticketing.db.password", defaultValue = "")
    String primaryPassword;

    private DataSource replica;

    /** For the container (CDI). */
    public ReportDatabase() {
    }

    /** Outside a container: {@code replica} may be null (no replica). */
    public ReportDatabase(DataSource primary, DataSource replica) {
        this.primary = primary;
        this.replica = replica;
    }

    @PostConstruct
    void connectReplica() {
        if (replicaUrl != null && replicaUrl.filter(u -> !u.isBlank()).isPresent()) {
            replica = replica(replicaUrl.get(), replicaUser.orElse(primaryUser), replicaPassword.orElse(primaryPassword));
            LOG.info("Reports read from the replica at " + replicaUrl.get().replaceAll("\\?.*", ""));
        }
    }

    /** A replica's connections: read-only, quick to give up connecting, named in pg_stat_activity. */
    public static DataSource replica(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setReadOnly(true);
        ds.setConnectTimeout(REPLICA_CONNECT_SECONDS);
        ds.setLoginTimeout(REPLICA_CONNECT_SECONDS);
        ds.setApplicationName("ticketing-reports");
        return ds;
    }

    public boolean hasReplica() {
        return replica != null;
    }

    @Override
    public <T> T read(Function<ReadSource, T> work) {
        Tenant tenant = TenantContext.require();
        if (replica != null) {
            Connection connection = null;
            try {
                connection = replica.getConnection();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "The report replica cannot be reached (" + e.getMessage() + "); this report reads the primary");
            }
            if (connection != null) {
                try (Connection c = connection) {
                    return JdbcTenantTransactions.readOnly(c, tenant, () -> work.apply(ReadSource.REPLICA));
                } catch (SQLException e) {
                    throw Sql.translate(e);
                }
            }
        }
        ReadSource source = replica == null ? ReadSource.PRIMARY : ReadSource.PRIMARY_REPLICA_DOWN;
        try (Connection c = primary.getConnection()) {
            return JdbcTenantTransactions.readOnly(c, tenant, () -> work.apply(source));
        } catch (SQLException e) {
            throw Sql.translate(e);
        }
    }
}
