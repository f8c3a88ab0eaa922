package io.ticketing.platform.infrastructure.persistence.platform;

import io.ticketing.platform.domain.tenant.TenantExport;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.Tenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A tenant's data as a zip with one CSV per table (header row first), written by PostgreSQL's
 * own {@code COPY ... TO STDOUT WITH CSV HEADER}, plus the registry entry as {@code tenant.csv}.
 * Kept in the platform schema so every node can serve the download.
 */
public class TenantExports {

    private final DataSource dataSource;

    public TenantExports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Exports every table of the tenant's schema and stores the zip; returns its id. */
    public UUID exportAndStore(Tenant tenant, String requestedBy) {
        byte[] zip = export(tenant);
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO platform.tenant_export"
                     + " (id, tenant_slug, created_by, size_bytes, content) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, tenant.slug().value());
            ps.setString(3, requestedBy);
            ps.setLong(4, zip.length);
            ps.setBytes(5, zip);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PlatformDataException("Could not store the export of tenant '" + tenant.slug() + "'", e);
        }
        return id;
    }

    public Optional<TenantExport> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT tenant_slug, size_bytes, content FROM platform.tenant_export WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TenantExport(id, rs.getString(1), rs.getLong(2), rs.getBytes(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not read export " + id, e);
        }
    }

    byte[] export(Tenant tenant) {
        String schema = tenant.schemaName();
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                zip.putNextEntry(new ZipEntry("tenant.csv"));
                pg.getCopyAPI().copyOut("COPY (SELECT slug, display_name, status, admin_email, logo_url, primary_color,"
                        + " created_at FROM platform.tenant WHERE id = " + tenant.id() + ") TO STDOUT WITH CSV HEADER", zip);
                zip.closeEntry();
                for (String table : tables(c, schema)) {
                    zip.putNextEntry(new ZipEntry(table + ".csv"));
                    // schema comes from a validated slug; table names come from the catalog
                    pg.getCopyAPI().copyOut("COPY " + schema + ".\"" + table.replace("\"", "\"\"")
                            + "\" TO STDOUT WITH CSV HEADER", zip);
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (SQLException | IOException e) {
            throw new PlatformDataException("Could not export tenant '" + tenant.slug() + "'", e);
        }
    }

    private static List<String> tables(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"
                + " ORDER BY table_name")) {
            ps.setString(1, schema);
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        }
    }
}
