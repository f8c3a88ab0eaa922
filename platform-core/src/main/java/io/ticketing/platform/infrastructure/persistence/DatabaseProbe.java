package io.ticketing.platform.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Whether the platform database answers: one connection from the pool, checked within two seconds. */
@ApplicationScoped
public class DatabaseProbe {

    private static final Logger LOG = Logger.getLogger(DatabaseProbe.class.getName());

    @Resource(lookup = PlatformDatabase.JNDI_NAME)
    private DataSource dataSource;

    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Platform database unreachable: {0}", e.getMessage());
            return false;
        }
    }
}
