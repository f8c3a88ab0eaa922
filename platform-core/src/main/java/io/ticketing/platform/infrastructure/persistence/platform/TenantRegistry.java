package io.ticketing.platform.infrastructure.persistence.platform;

import io.ticketing.platform.domain.tenant.TenantConflictException;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.LogoImage;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The tenants the platform knows, in the {@code platform} schema. Plain JDBC so that the same
 * code serves the application, the development launcher and the tests.
 */
public class TenantRegistry {

    private static final String SELECT = """
            SELECT t.id, t.slug, t.display_name, t.status, t.logo_url, t.primary_color, t.custom_css, t.admin_email, t.logo_sha256,
                   array(SELECT h.host FROM platform.tenant_host h WHERE h.tenant_id = t.id ORDER BY h.host) AS hosts
              FROM platform.tenant t
            """;

    private final DataSource dataSource;

    public TenantRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Tenant> findBySlug(TenantSlug slug) {
        return queryOne(SELECT + " WHERE t.slug = ?", slug.value());
    }

    /** The tenant a normalized host name belongs to. */
    public Optional<Tenant> findByHost(String host) {
        return queryOne(SELECT + " WHERE t.id = (SELECT tenant_id FROM platform.tenant_host WHERE host = ?)", host);
    }

    public List<Tenant> findAll() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY t.slug");
             ResultSet rs = ps.executeQuery()) {
            List<Tenant> tenants = new ArrayList<>();
            while (rs.next()) {
                tenants.add(map(rs));
            }
            return tenants;
        } catch (SQLException e) {
            throw new PlatformDataException("Could not list tenants", e);
        }
    }

    /** Registers a tenant and its host names in one statement: all of it, or nothing. */
    public Tenant register(NewTenant tenant, TenantStatus status) {
        String sql = """
                WITH t AS (
                    INSERT INTO platform.tenant (slug, display_name, status, logo_url, primary_color, custom_css, admin_email)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id)
                INSERT INTO platform.tenant_host (host, tenant_id)
                SELECT h, t.id FROM t, unnest(?::varchar[]) AS h
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Branding b = tenant.branding();
            ps.setString(1, tenant.slug().value());
            ps.setString(2, tenant.displayName());
            ps.setString(3, status.name());
            ps.setString(4, b.logoUrl());
            ps.setString(5, b.primaryColor());
            ps.setString(6, b.customCss());
            ps.setString(7, tenant.adminEmail());
            ps.setArray(8, c.createArrayOf("varchar", tenant.hosts().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw translateConflict(e, tenant);
        }
        return findBySlug(tenant.slug()).orElseThrow();
    }

    /** The tenant's sealed storefront client secret (see SecretBox), when one was stored. */
    public Optional<String> sealedStorefrontSecret(TenantSlug slug) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT storefront_client_secret FROM platform.tenant WHERE slug = ?")) {
            ps.setString(1, slug.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not read the tenant registry", e);
        }
    }

    /** Stores the sealed secret unless one is there already; returns the one that is stored now. */
    public String storeSealedStorefrontSecretIfAbsent(TenantSlug slug, String sealed) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE platform.tenant SET storefront_client_secret = ?"
                     + " WHERE slug = ? AND storefront_client_secret IS NULL")) {
            ps.setString(1, sealed);
            ps.setString(2, slug.value());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PlatformDataException("Could not store the storefront secret of tenant '" + slug + "'", e);
        }
        return sealedStorefrontSecret(slug).orElseThrow(() -> new IllegalArgumentException("No tenant '" + slug + "'"));
    }

    /** Removes the tenant and its host names from the registry (its schema and realm are gone already). */
    public void delete(TenantSlug slug) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM platform.tenant WHERE slug = ?")) {
            ps.setString(1, slug.value());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PlatformDataException("Could not remove tenant '" + slug + "'", e);
        }
    }

    public void changeStatus(TenantSlug slug, TenantStatus status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE platform.tenant SET status = ?, updated_at = now() WHERE slug = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, slug.value());
            if (ps.executeUpdate() == 0) {
                throw new IllegalArgumentException("No tenant '" + slug + "'");
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not change the status of tenant '" + slug + "'", e);
        }
    }

    /** Changes the shop's name, colour and custom CSS (its logo and hosts have calls of their own). */
    public void changeLook(long tenantId, String displayName, String primaryColor, String customCss) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE platform.tenant SET display_name = ?, primary_color = ?,"
                     + " custom_css = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, displayName);
            ps.setString(2, primaryColor);
            ps.setString(3, customCss);
            ps.setLong(4, tenantId);
            if (ps.executeUpdate() == 0) {
                throw new IllegalArgumentException("No tenant " + tenantId);
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not change the look of tenant " + tenantId, e);
        }
    }

    /**
     * Makes {@code logo} the shop's logo (null: none), in one transaction: stored under its hash, named by the tenant row,
     * and the logos it replaces deleted.
     */
    public void replaceLogo(long tenantId, LogoImage logo) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (logo != null) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.tenant_logo"
                            + " (tenant_id, sha256, content_type, width, height, content) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (tenant_id, sha256) DO NOTHING")) {
                        ps.setLong(1, tenantId);
                        ps.setString(2, logo.sha256());
                        ps.setString(3, logo.contentType());
                        ps.setInt(4, logo.width());
                        ps.setInt(5, logo.height());
                        ps.setBytes(6, logo.content());
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE platform.tenant SET logo_sha256 = ?, updated_at = now() WHERE id = ?")) {
                    ps.setString(1, logo == null ? null : logo.sha256());
                    ps.setLong(2, tenantId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM platform.tenant_logo WHERE tenant_id = ? AND sha256 IS DISTINCT FROM ?")) {
                    ps.setLong(1, tenantId);
                    ps.setString(2, logo == null ? null : logo.sha256());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not store the logo of tenant " + tenantId, e);
        }
    }

    /** A stored logo: its type and bytes. */
    public record StoredLogo(String contentType, byte[] content) {
    }

    /** The logo of that tenant with that hash; another tenant's hash finds nothing. */
    public Optional<StoredLogo> logo(long tenantId, String sha256) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT content_type, content FROM platform.tenant_logo WHERE tenant_id = ? AND sha256 = ?")) {
            ps.setLong(1, tenantId);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredLogo(rs.getString(1), rs.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not read a logo", e);
        }
    }

    /** Adds a normalized host name to the tenant; false when another tenant has it. */
    public boolean addHost(long tenantId, String host) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO platform.tenant_host (host, tenant_id) VALUES (?, ?)"
                     + " ON CONFLICT (host) DO NOTHING")) {
            ps.setString(1, host);
            ps.setLong(2, tenantId);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not add a host name", e);
        }
        return findByHost(host).map(t -> t.id() == tenantId).orElse(false);
    }

    /** Removes a host name of the tenant (one of another tenant is left alone); whether it was there. */
    public boolean removeHost(long tenantId, String host) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM platform.tenant_host WHERE host = ? AND tenant_id = ?")) {
            ps.setString(1, host);
            ps.setLong(2, tenantId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PlatformDataException("Could not remove a host name", e);
        }
    }

    private Optional<Tenant> queryOne(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PlatformDataException("Could not read the tenant registry", e);
        }
    }

    private static Tenant map(ResultSet rs) throws SQLException {
        Array hosts = rs.getArray("hosts");
        return new Tenant(
                rs.getLong("id"),
                new TenantSlug(rs.getString("slug")),
                rs.getString("display_name"),
                TenantStatus.valueOf(rs.getString("status")),
                new Branding(rs.getString("logo_url"), rs.getString("primary_color"), rs.getString("custom_css"),
                        rs.getString("logo_sha256")),
                Arrays.asList((String[]) hosts.getArray()),
                rs.getString("admin_email"));
    }

    private static RuntimeException translateConflict(SQLException e, NewTenant tenant) {
        if ("23505".equals(e.getSQLState())) {
            String detail = String.valueOf(e.getMessage());
            if (detail.contains("tenant_host_pkey")) {
                return new TenantConflictException("hosts",
                        "One of the host names " + tenant.hosts() + " already belongs to another tenant");
            }
            return new TenantConflictException("slug", "The slug '" + tenant.slug() + "' is already taken");
        }
        return new PlatformDataException("Could not register tenant '" + tenant.slug() + "'", e);
    }
}
