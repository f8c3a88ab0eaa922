package io.ticketing.storefront;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.identity.testsupport.SharedKeycloak;
import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.security.SecretBox;
import io.ticketing.platform.infrastructure.tenancy.TenantRegistry;
import io.ticketing.platform.infrastructure.tenancy.TenantSchemas;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Tenants with their realms, made the way onboarding makes them (registry, schema, sealed client
 * secret, realm from the template) but without the operator WAR, which these tests do not deploy.
 */
final class RealmFixtures implements AutoCloseable {

    /** A tenant, its realm and the storefront client's secret in clear (for password grants). */
    record TenantRealm(Tenant tenant, String realm, String clientSecret) {
    }

    private final Keycloak admin = KeycloakBuilder.builder().serverUrl(SharedKeycloak.url()).realm("master")
            .clientId("admin-cli").username(SharedKeycloak.adminUser()).password(SharedKeycloak.adminPassword()).build();
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
                tenant.hosts(), platformBaseUrl, secret, true, IdentityTestSettings.PASSWORD_POLICY);
        admin.realms().create(JsonSerialization.readValue(template.toJson(), RealmRepresentation.class));
        return new TenantRealm(tenant, template.realmName(), secret);
    }

    void user(TenantRealm realm, String email, String password, String... roles) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setFirstName("Test");
        user.setLastName(email.substring(0, email.indexOf('@')));
        user.setEmailVerified(true);
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        admin.realm(realm.realm()).users().create(user).close();
        String id = admin.realm(realm.realm()).users().search(email, true).get(0).getId();
        for (String role : roles) {
            admin.realm(realm.realm()).users().get(id).roles().realmLevel()
                    .add(List.of(admin.realm(realm.realm()).roles().get(role).toRepresentation()));
        }
    }

    String token(TenantRealm realm, String email, String password) {
        return IdentityTestSettings.token(realm.realm(), "storefront", realm.clientSecret(), email, password);
    }

    @Override
    public void close() {
        admin.close();
    }
}
