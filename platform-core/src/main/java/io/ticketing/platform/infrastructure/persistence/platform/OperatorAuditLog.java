package io.ticketing.platform.infrastructure.persistence.platform;

import io.ticketing.platform.domain.tenant.AuditEntry;
import io.ticketing.platform.domain.shared.PlatformDataException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Append-only record of what platform operators did to tenants, and how it ended. */
public class OperatorAuditLog {

    private final DataSource dataSource;

    public OperatorAuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String operator, String action, String tenantSlug, AuditEntry.Outcome outcome, String detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO platform.operator_audit"
                     + " (operator, action, tenant_slug, outcome, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, operator);
            ps.setString(2, action);
            ps.setString(3, tenantSlug);
            ps.setString(4, outcome.name());
            ps.setString(5, detail);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PlatformDataException("Could not write the operator audit log", e);
        }
    }

    /** The newest entries first; {@code tenantSlug} null for every tenant. */
    public List<AuditEntry> recent(String tenantSlug, int limit) {
        String sql = "SELECT id, at, operator, action, tenant_slug, outcome, detail FROM platform.operator_audit"
                + (tenantSlug == null ? "" : " WHERE tenant_slug = ?") + " ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (tenantSlug != null) {
                ps.setString(i++, tenantSlug);
            }
            ps.setInt(i, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), AuditEntry.Outcome.valueOf(rs.getString(6)), rs.getString(7)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new PlatformDataException("Could not read the operator audit log", e);
        }
    }
}
