package io.ticketing.operator.application;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.operator.infrastructure.IdentitySettings;
import io.ticketing.operator.infrastructure.IdentityConflictException;
import io.ticketing.operator.infrastructure.IdentityUnavailableException;
import io.ticketing.operator.infrastructure.KeycloakGateway;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.application.TenantAdministration;
import io.ticketing.platform.domain.tenant.AuditEntry;
import io.ticketing.platform.domain.tenant.TenantExport;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.security.TenantSecrets;
import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.TenantConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a platform operator does to tenants: onboard, suspend, reactivate, offboard. Every action
 * is written to the audit log with its outcome, including refusals and failures.
 */
@ApplicationScoped
public class TenantOperations {

    public static final String FIRST_ADMIN_ROLE = "organizer-admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The tenant, whether this call brought it to life, and the first admin's one-time password. */
    public record Onboarded(Tenant tenant, boolean completedNow, String initialAdminPassword) {
    }

    @Inject
    TenantAdministration tenants;
    @Inject
    KeycloakGateway keycloak;
    @Inject
    IdentitySettings settings;
    @Inject
    TenantSecrets secrets;

    /**
     * Registry row, schema with every migration, realm from the template (self-registration closed),
     * first organizer admin with a temporary password (never an account the platform did not make:
     * 409 on adminEmail), then self-registration opened; then ACTIVE. Repeating the same request returns the same tenant (and
     * resumes one whose earlier try failed half-way).
     */
    public Onboarded onboard(String operator, NewTenant request) {
        if (request.adminEmail() == null) {
            throw refused(operator, "onboard", request.slug().value(),
                    new InvalidFieldException("adminEmail", "adminEmail is required: the organizer's first administrator"));
        }
        String[] initialPassword = {null};
        return audited(operator, "onboard", request.slug().value(), () -> {
            boolean complete = tenants.find(request.slug()).filter(t -> t.status() != TenantStatus.PROVISIONING).isPresent();
            Tenant tenant = tenants.provision(request, List.of(t -> {
                TenantRealmTemplate realm = new TenantRealmTemplate(t.slug().value(), t.displayName(),
                        t.branding().primaryColor(), t.hosts(), settings.platformBaseUrl(), secrets.storefrontClientSecret(t),
                        settings.directGrants(), settings.passwordPolicy(), settings.smtp().orElse(null));
                // The realm is made closed to self-registration, so nobody can take the admin's address first.
                keycloak.ensureRealm(realm.realmName(), realm.toJson());
                String password = randomPassword();
                try {
                    if (keycloak.ensureUser(realm.realmName(), new KeycloakGateway.NewUser(request.adminEmail(), null, null),
                            List.of(FIRST_ADMIN_ROLE), password, true)) {
                        initialPassword[0] = password;
                    }
                } catch (IdentityConflictException e) {
                    throw new TenantConflictException("adminEmail", e.getMessage());
                }
                keycloak.setRegistrationAllowed(realm.realmName(), true);
            }));
            return new Onboarded(tenant, !complete, initialPassword[0]);
        });
    }

    public List<Tenant> list() {
        return tenants.all();
    }

    public Tenant get(String slug) {
        return require(slug);
    }

    /** Closes the shop at once, then makes its realm refuse logins. */
    public Tenant suspend(String operator, String slug) {
        return audited(operator, "suspend", slug, () -> {
            Tenant tenant = requireOnboarded(slug);
            tenants.changeStatus(tenant.slug(), TenantStatus.SUSPENDED);
            keycloak.setRealmEnabled(TenantRealmTemplate.realmName(slug), false);
            return require(slug);
        });
    }

    /** Lets the realm accept logins again, then opens the shop. */
    public Tenant reactivate(String operator, String slug) {
        return audited(operator, "reactivate", slug, () -> {
            Tenant tenant = requireOnboarded(slug);
            keycloak.setRealmEnabled(TenantRealmTemplate.realmName(slug), true);
            tenants.changeStatus(tenant.slug(), TenantStatus.ACTIVE);
            return require(slug);
        });
    }

    /**
     * Closes the shop, exports every table of the tenant to a stored zip, then deletes its realm,
     * drops its schema and removes it from the registry. Each step can be repeated, so a retry after
     * a failure finishes the job. {@code confirm} must repeat the slug.
     *
     * @return the id of the export, downloadable at /operator/api/exports/{id}
     */
    public UUID offboard(String operator, String slug, String confirm) {
        if (!slug.equals(confirm)) {
            throw refused(operator, "offboard", slug, new InvalidFieldException("confirm",
                    "Offboarding deletes the tenant's data and users: send confirm=" + slug + " to proceed"));
        }
        return audited(operator, "offboard", slug, () -> {
            Tenant tenant = require(slug);
            tenants.changeStatus(tenant.slug(), TenantStatus.SUSPENDED);
            UUID export = tenants.export(tenant, operator);
            keycloak.deleteRealm(TenantRealmTemplate.realmName(slug));
            tenants.erase(tenant.slug());
            return export;
        });
    }

    public TenantExport export(UUID id) {
        return tenants.findExport(id).orElseThrow(() -> new TenantNotFoundException("export " + id));
    }

    public List<AuditEntry> auditTrail(String slug, int limit) {
        return tenants.auditTrail(slug, limit);
    }

    private Tenant require(String slug) {
        if (!TenantSlug.isValid(slug)) {
            throw new TenantNotFoundException(slug);
        }
        return tenants.find(new TenantSlug(slug)).orElseThrow(() -> new TenantNotFoundException(slug));
    }

    private Tenant requireOnboarded(String slug) {
        Tenant tenant = require(slug);
        if (tenant.status() == TenantStatus.PROVISIONING) {
            throw new TenantConflictException("status",
                    "Tenant '" + slug + "' is still being onboarded: repeat the onboarding request to finish it first");
        }
        return tenant;
    }

    private <T> T audited(String operator, String action, String slug, Supplier<T> work) {
        try {
            T result = work.get();
            tenants.audit(operator, action, slug, AuditEntry.Outcome.SUCCEEDED, null);
            return result;
        } catch (TenantConflictException | TenantNotFoundException | InvalidFieldException e) {
            throw refused(operator, action, slug, e);
        } catch (IdentityUnavailableException | PlatformDataException | IllegalStateException e) {
            recordQuietly(operator, action, slug, AuditEntry.Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    private RuntimeException refused(String operator, String action, String slug, RuntimeException reason) {
        recordQuietly(operator, action, slug, AuditEntry.Outcome.REFUSED, reason.getMessage());
        return reason;
    }

    private void recordQuietly(String operator, String action, String slug, AuditEntry.Outcome outcome, String detail) {
        try {
            tenants.audit(operator, action, slug, outcome, detail);
        } catch (PlatformDataException e) {
            // The database is the thing that failed; the caller gets that error, not this one.
        }
    }

    /** 18 random characters; the admin must replace it at first login. */
    private static String randomPassword() {
        byte[] bytes = new byte[14];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
