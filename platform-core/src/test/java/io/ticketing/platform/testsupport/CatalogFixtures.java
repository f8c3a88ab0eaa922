package io.ticketing.platform.testsupport;

import io.ticketing.platform.domain.tenant.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Writes catalog rows straight into a tenant's schema, for the demo tenant and for tests that
 * need data before any application code runs. The schema name comes from a validated slug.
 */
public final class CatalogFixtures {

    private final DataSource dataSource;
    private final String schema;

    public CatalogFixtures(DataSource dataSource, Tenant tenant) {
        this.dataSource = dataSource;
        this.schema = tenant.schemaName();
    }

    public long venue(String name, String city, String country, ZoneId zone) {
        return insert("INSERT INTO " + schema + ".venue (name, city, country, time_zone) VALUES (?, ?, ?, ?) RETURNING id",
                name, city, country, zone.getId());
    }

    /** An event on sale with one ticket type per (name, price in minor units) pair. */
    public long eventOnSale(long venueId, String title, String category, OffsetDateTime startsAt,
                            String currency, Object... ticketTypeNamesAndPrices) {
        return event(venueId, title, category, startsAt, "ON_SALE", currency, ticketTypeNamesAndPrices);
    }

    public long event(long venueId, String title, String category, OffsetDateTime startsAt, String status,
                      String currency, Object... ticketTypeNamesAndPrices) {
        long eventId = insert("INSERT INTO " + schema + ".event (venue_id, title, category, starts_at, ends_at, status)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                venueId, title, category, startsAt, startsAt.plusHours(3), status);
        for (int i = 0; i < ticketTypeNamesAndPrices.length; i += 2) {
            insert("INSERT INTO " + schema + ".ticket_type (event_id, name, price_minor, currency, capacity)"
                            + " VALUES (?, ?, ?, ?, ?) RETURNING id",
                    eventId, ticketTypeNamesAndPrices[i], ((Number) ticketTypeNamesAndPrices[i + 1]).longValue(),
                    currency, 500);
        }
        return eventId;
    }

    private long insert(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture insert failed: " + sql, e);
        }
    }
}
