package io.ticketing.platform.infrastructure.persistence;

import io.ticketing.platform.infrastructure.persistence.platform.OperatorAuditLog;
import io.ticketing.platform.infrastructure.persistence.platform.TenantExports;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Hands the container's pool to the plain-Java registry and migration classes (no proxies: they are stateless). */
@ApplicationScoped
public class PlatformProducers {

    @Resource(lookup = PlatformDatabase.JNDI_NAME)
    private DataSource dataSource;

    @Produces
    @Singleton
    TenantRegistry tenantRegistry() {
        return new TenantRegistry(dataSource);
    }

    @Produces
    @Singleton
    TenantSchemas tenantSchemas() {
        return new TenantSchemas(dataSource);
    }

    @Produces
    @Singleton
    OperatorAuditLog operatorAuditLog() {
        return new OperatorAuditLog(dataSource);
    }

    @Produces
    @Singleton
    TenantExports tenantExports() {
        return new TenantExports(dataSource);
    }
}
