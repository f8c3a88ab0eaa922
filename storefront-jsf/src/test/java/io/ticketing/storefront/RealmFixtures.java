package io.ticketing.storefront;

import io.ticketing.identity.RealmTemplates;
import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Tenants with their realms, made the way onboarding makes them (registry, schema, sealed client
 * secret, realm from the template) but without the operator WAR, which these tests do not deploy.
 */
final class RealmFixtures implements AutoCloseable {

    /** A tenant, its realm and the storefront client's secret in clear (for password grants). */
    record TenantRealm(Tenant tenant, String realm, String clientSecret) {
    }

    private final Keycloak admin = KeycloakUsers.admin();
    private final DataSource db = SharedPostgres.dataSource();

    TenantRealm tenant(String prefix, String platformBaseUrl, String... hosts) throws Exception {
        String slug = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        TenantRegistry registry = new TenantRegistry(db);
        Tenant tenant = new TenantProvisioning(registry, new TenantSchemas(db))
                .provision(new NewTenant(new TenantSlug(slug), "Shop " + slug, List.of(hosts), null));
        String secret = "secret-" + slug;
        registry.storeSealedStorefrontSecretIfAbsent(tenant.slug(),
                new SecretBox(IdentityTestSettings.SECRETS_MASTER_KEY).seal(slug, secret));
        TenantRealmTemplate template = new TenantRealmTemplate(slug, tenant.displayName(), tenant.branding().primaryColor(),
                tenant.hosts(), platformBaseUrl, secret, true, IdentityTestSettings.PASSWORD_POLICY, null);
        RealmRepresentation realm = JsonSerialization.readValue(template.toJson(), RealmRepresentation.class);
        // As onboarding leaves it once the admin exists; these tests have no mail server, so no e-mail verification.
        realm.setRegistrationAllowed(true);
        realm.setVerifyEmail(false);
        admin.realms().create(realm);
        return new TenantRealm(tenant, template.realmName(), secret);
    }

    void user(TenantRealm realm, String email, String password, String... roles) {
        KeycloakUsers.ensure(admin, realm.realm(), email, password, roles);
    }

    /** Access tokens of the realm live this long, so a test can wait one out. */
    void accessTokenLifespan(TenantRealm realm, int seconds) {
        RealmRepresentation change = new RealmRepresentation();
        change.setRealm(realm.realm());
        change.setAccessTokenLifespan(seconds);
        admin.realm(realm.realm()).update(change);
    }

    /** Lets browsers sign in on one more node's address (a realm names the nodes it sends people back to). */
    void allowSignInAt(TenantRealm realm, String platformBaseUrl) {
        var clients = admin.realm(realm.realm()).clients();
        var client = clients.findByClientId("storefront").get(0);
        List<String> uris = new java.util.ArrayList<>(client.getRedirectUris());
        uris.add(platformBaseUrl.replaceAll("/+$", "") + "/t/" + realm.tenant().slug().value() + "/*");
        client.setRedirectUris(uris);
        clients.get(client.getId()).update(client);
    }

    void removeRole(TenantRealm realm, String email, String role) {
        var user = admin.realm(realm.realm()).users().searchByEmail(email, true).get(0);
        admin.realm(realm.realm()).users().get(user.getId()).roles().realmLevel()
                .remove(List.of(admin.realm(realm.realm()).roles().get(role).toRepresentation()));
    }

    void disable(TenantRealm realm, String email) {
        var user = admin.realm(realm.realm()).users().searchByEmail(email, true).get(0);
        user.setEnabled(false);
        admin.realm(realm.realm()).users().get(user.getId()).update(user);
    }

    /** A token of the operators' realm (made here from its template when no operator WAR made it yet). */
    String operatorToken() {
        if (admin.realms().findAll().stream().noneMatch(r -> r.getRealm().equals("platform"))) {
            String json = RealmTemplates.render(RealmTemplates.PLATFORM,
                    Map.of("passwordPolicy", IdentityTestSettings.PASSWORD_POLICY,
                            "consoleSecret", IdentityTestSettings.OPERATOR_CONSOLE_SECRET),
                    Map.of("redirectUris", "[]", "directAccessGrants", "true"));
            try {
                admin.realms().create(JsonSerialization.readValue(json, RealmRepresentation.class));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        KeycloakUsers.ensure(admin, "platform", IdentityTestSettings.OPERATOR_EMAIL, IdentityTestSettings.OPERATOR_PASSWORD, "operator");
        return IdentityTestSettings.operatorToken();
    }

    String token(TenantRealm realm, String email, String password) {
        return IdentityTestSettings.token(realm.realm(), "storefront", realm.clientSecret(), email, password);
    }

    @Override
    public void close() {
        admin.close();
    }
}
