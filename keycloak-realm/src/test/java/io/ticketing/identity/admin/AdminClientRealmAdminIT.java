package io.ticketing.identity.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.identity.TenantRealmTemplate;
import io.ticketing.identity.testsupport.KeycloakServer;
import io.ticketing.identity.testsupport.KeycloakUsers;
import io.ticketing.identity.testsupport.SharedKeycloak;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/**
 * The admin calls the operator WAR makes, on the real Keycloak: each one idempotent, refusals and
 * an unreachable Keycloak told apart. Checked through a second, independent admin client.
 */
class AdminClientRealmAdminIT {

    private static RealmAdmin admin;
    private static Keycloak check;

    @BeforeAll
    static void connect() {
        admin = new AdminClientRealmAdmin(SharedKeycloak.url(), "master", "admin-cli", null, SharedKeycloak.adminUser(),
                SharedKeycloak.adminPassword());
        check = KeycloakUsers.admin();
    }

    @AfterAll
    static void close() {
        admin.close();
        check.close();
    }

    @Test
    void realmsAndUsersAreMadeOnceAndRemovedOnce() {
        String slug = "adm-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String realm = TenantRealmTemplate.realmName(slug);
        String json = new TenantRealmTemplate(slug, "Admin " + slug, "#336699", List.of(slug + ".tickets.test"),
                "http://localhost:8080", "secret-" + slug, true, "hashAlgorithm(pbkdf2-sha256) and hashIterations(1) and length(8)", null).toJson();

        assertThat(admin.reachable()).isTrue();
        assertThat(admin.createRealm(realm, json)).isTrue();
        assertThat(admin.createRealm(realm, json)).as("a retried onboarding step").isFalse();
        assertThat(admin.ensureUser(realm, "boss@" + slug + ".test", null, null, List.of("organizer-admin"), "Temp-pass-123", true))
                .isTrue();
        assertThat(admin.ensureUser(realm, "boss@" + slug + ".test", null, null, List.of("organizer-admin"), "other", true)).isFalse();
        var boss = check.realm(realm).users().searchByEmail("boss@" + slug + ".test", true).get(0);
        assertThat(boss.getRequiredActions()).contains("UPDATE_PASSWORD", "UPDATE_PROFILE");
        assertThat(check.realm(realm).users().get(boss.getId()).roles().realmLevel().listEffective())
                .extracting(r -> r.getName()).contains("organizer-admin");

        admin.setRealmEnabled(realm, false);
        assertThat(check.realm(realm).toRepresentation().isEnabled()).isFalse();
        admin.ensureRedirectUri(realm, "storefront", "https://new-host.test/*");
        admin.ensureRedirectUri(realm, "storefront", "https://new-host.test/*");
        assertThat(check.realm(realm).clients().findByClientId("storefront").get(0).getRedirectUris())
                .containsOnlyOnce("https://new-host.test/*");

        admin.deleteRealm(realm);
        admin.deleteRealm(realm);
        assertThat(admin.realmExists(realm)).isFalse();
    }

    @Test
    void aNewRealmTakesNoStrangersAndAnAccountThePlatformDidNotMakeIsNeverElevated() {
        String slug = "own-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String realm = TenantRealmTemplate.realmName(slug);
        admin.createRealm(realm, new TenantRealmTemplate(slug, "Own " + slug, "#336699", List.of(slug + ".tickets.test"),
                "http://localhost:8080", "secret-" + slug, true, "hashAlgorithm(pbkdf2-sha256) and hashIterations(1) and length(8)",
                null).toJson());
        var settings = check.realm(realm).toRepresentation();
        assertThat(settings.isRegistrationAllowed()).as("nobody signs up before the admin exists").isFalse();
        assertThat(settings.isVerifyEmail()).isTrue();

        // An account made by someone else (self-registered, or by hand) with the admin's address, or with it as user name.
        String email = "boss@" + slug + ".test";
        KeycloakUsers.ensure(check, realm, email, "stranger-pass-1");
        assertThatThrownBy(() -> admin.ensureUser(realm, email, null, null, List.of("organizer-admin"), "Temp-pass-123", true))
                .isInstanceOfSatisfying(RealmAdminException.class, e -> assertThat(e.conflict()).isTrue())
                .hasMessageContaining("not created by the platform");
        var stranger = check.realm(realm).users().searchByEmail(email, true).get(0);
        assertThat(check.realm(realm).users().get(stranger.getId()).roles().realmLevel().listEffective())
                .extracting(r -> r.getName()).doesNotContain("organizer-admin");

        // The platform's own account: marked, with a mark only admins can see or set; a retry finds it and is fine.
        String own = "owner@" + slug + ".test";
        assertThat(admin.ensureUser(realm, own, null, null, List.of("organizer-admin"), "Temp-pass-123", true)).isTrue();
        assertThat(admin.ensureUser(realm, own, null, null, List.of("organizer-admin"), "Temp-pass-123", true)).isFalse();
        var owner = check.realm(realm).users().get(check.realm(realm).users().searchByEmail(own, true).get(0).getId());
        assertThat(owner.toRepresentation().getAttributes()).containsEntry(RealmAdmin.CREATED_BY, List.of("platform"));
        assertThat(owner.roles().realmLevel().listEffective()).extracting(r -> r.getName()).contains("organizer-admin");
        var mark = check.realm(realm).users().userProfile().getConfiguration().getAttribute(RealmAdmin.CREATED_BY);
        assertThat(mark.getPermissions().getEdit()).containsExactly("admin");
        assertThat(mark.getPermissions().getView()).containsExactly("admin");

        admin.setRegistrationAllowed(realm, true);
        assertThat(check.realm(realm).toRepresentation().isRegistrationAllowed()).isTrue();
        admin.deleteRealm(realm);
    }

    @Test
    void aTeamIsListedByRoleChangedInPlaceAndAnInvitationThatCannotBeMailedLeavesNothingBehind() {
        String slug = "team-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        String realm = TenantRealmTemplate.realmName(slug);
        admin.createRealm(realm, new TenantRealmTemplate(slug, "Team " + slug, "#336699", List.of(slug + ".tickets.test"),
                "http://localhost:8080", "secret-" + slug, true, "hashAlgorithm(pbkdf2-sha256) and hashIterations(1) and length(8)",
                null).toJson());
        List<String> team = List.of("organizer-admin", "organizer-staff", "finance");
        String boss = "boss@" + slug + ".test";
        String crew = "crew@" + slug + ".test";
        String buyer = "buyer@" + slug + ".test";
        admin.ensureUser(realm, boss, "Bo", "Ss", List.of("organizer-admin"), "Temp-pass-123", false);
        admin.ensureUser(realm, crew, "Cr", "Ew", List.of("organizer-staff"), "Temp-pass-123", false);
        KeycloakUsers.ensure(check, realm, buyer, "buyer-pass-1");

        List<RealmAdmin.Member> members = admin.members(realm, team);
        assertThat(members).extracting(RealmAdmin.Member::email).containsExactly(boss, crew);
        assertThat(members.get(0).roles()).containsExactly("organizer-admin");
        assertThat(members.get(0).passwordSet()).isTrue();
        assertThat(members.get(0).createdByPlatform()).isTrue();

        // a role changed in place: the managed ones only; the default customer role stays
        String crewId = members.get(1).id();
        admin.setRoles(realm, crewId, team, List.of("finance"));
        admin.setRoles(realm, crewId, team, List.of("finance"));
        assertThat(admin.member(realm, crewId, team).orElseThrow().roles()).containsExactly("finance");
        admin.setRoles(realm, crewId, team, List.of());
        assertThat(admin.members(realm, team)).extracting(RealmAdmin.Member::email).containsExactly(boss);
        assertThat(admin.member(realm, crewId, team)).as("removed from the team, the account stays").isPresent();
        assertThat(admin.member(realm, "no-such-user", team)).isEmpty();

        // a customer's own account is never elevated by an invitation
        assertThatThrownBy(() -> admin.invite(realm, buyer, null, null, "organizer-staff", "storefront",
                "http://localhost:8080/t/" + slug + "/manage/index.xhtml", 3600))
                .isInstanceOfSatisfying(RealmAdminException.class, e -> assertThat(e.conflict()).isTrue());

        // the realm's mail points nowhere: the invitation cannot be sent, and no account or role is left behind
        assertThat(admin.ensureSmtp(realm, "127.0.0.1", KeycloakServer.freePort(), "team@platform.test", "Team " + slug, false)).isTrue();
        assertThat(admin.ensureSmtp(realm, "127.0.0.1", Integer.parseInt(check.realm(realm).toRepresentation().getSmtpServer().get("port")),
                "team@platform.test", "Team " + slug, false)).as("already so").isFalse();
        String newcomer = "new@" + slug + ".test";
        assertThatThrownBy(() -> admin.invite(realm, newcomer, null, null, "organizer-staff", "storefront",
                "http://localhost:8080/t/" + slug + "/manage/index.xhtml", 3600))
                .isInstanceOfSatisfying(RealmAdminException.class, e -> assertThat(e.unavailable()).isTrue());
        assertThat(check.realm(realm).users().searchByEmail(newcomer, true)).isEmpty();
        // the platform's own account that has a password already needs no mail: back in the team at once
        RealmAdmin.Member back = admin.invite(realm, crew, null, null, "organizer-staff", "storefront",
                "http://localhost:8080/t/" + slug + "/manage/index.xhtml", 3600);
        assertThat(back.passwordSet()).isTrue();
        assertThat(admin.member(realm, crewId, team).orElseThrow().roles()).containsExactly("organizer-staff");
        admin.deleteRealm(realm);
    }

    @Test
    void aRefusalAndAnUnreachableKeycloakAreToldApart() {
        assertThatThrownBy(() -> admin.ensureUser("no-such-realm-" + System.nanoTime(), "a@b.test", "A", "B", List.of(), "x", false))
                .isInstanceOfSatisfying(RealmAdminException.class, e -> assertThat(e.unavailable()).isFalse());
        try (RealmAdmin nowhere = new AdminClientRealmAdmin("http://127.0.0.1:" + KeycloakServer.freePort(), "master", "admin-cli",
                null, "admin", "admin")) {
            assertThat(nowhere.reachable()).isFalse();
            assertThatThrownBy(() -> nowhere.realmExists("tenant-x"))
                    .isInstanceOfSatisfying(RealmAdminException.class, e -> assertThat(e.unavailable()).isTrue());
        }
    }
}
