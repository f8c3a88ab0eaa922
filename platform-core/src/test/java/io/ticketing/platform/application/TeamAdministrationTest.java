package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The team's rules on a directory in memory: addresses checked, one role each, nobody invited twice, the last
 * organizer admin who can sign in kept (an invited admin without a password does not count), every change audited
 * with the roles before and after, and the lock taken before the team is read.
 */
class TeamAdministrationTest {

    private static final Tenant ACME = new Tenant(1, new TenantSlug("acme"), "Acme", TenantStatus.ACTIVE, Branding.defaults(), List.of(), null);
    private static final StaffAuditLog.Actor BOSS = new StaffAuditLog.Actor("u-boss", "boss@acme.test");

    private final FakeDirectory directory = new FakeDirectory();
    private final List<String> audited = new ArrayList<>();
    private final List<String> locks = new ArrayList<>();
    private final TeamAdministration team = team();

    private TeamAdministration team() {
        TeamAdministration t = new TeamAdministration();
        CoreServices.inject(t, "directory", directory);
        CoreServices.inject(t, "transactions", new TenantTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }

            @Override
            public void lockUntilCommit(String name) {
                locks.add(name);
            }
        });
        CoreServices.inject(t, "audit", new StaffAuditLog() {
            @Override
            public void add(Actor actor, String action, String detail) {
                audited.add(action + " " + detail);
            }

            @Override
            public void add(Actor actor, String action, String detail, Change change) {
                audited.add(action + " " + change.subject() + " " + change.before() + " -> " + change.after());
            }

            @Override
            public List<Entry> recent(int limit) {
                return List.of();
            }

            @Override
            public List<Entry> search(Query query) {
                return List.of();
            }
        });
        return t;
    }

    private <T> T asAcme(Supplier<T> work) {
        return TenantContext.callAs(ACME, work);
    }

    @Test
    void anInvitationNeedsAnAddressAndARoleAndIsAuditedWithTheRole() {
        directory.add("u-boss", "boss@acme.test", true, "organizer-admin");
        assertThatThrownBy(() -> asAcme(() -> team.invite(BOSS, " ", null, null, "finance", "http://x")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> asAcme(() -> team.invite(BOSS, "nobody at acme", null, null, "finance", "http://x")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> asAcme(() -> team.invite(BOSS, "a@acme.test", null, null, "customer", "http://x")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("role"));
        assertThatThrownBy(() -> asAcme(() -> team.invite(BOSS, "a@acme.test", "x".repeat(101), null, "finance", "http://x")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("firstName"));
        assertThat(directory.invited).isEmpty();

        TeamDirectory.Person ana = asAcme(() -> team.invite(BOSS, " Ana@Acme.Test ", "Ana", null, "finance", "http://x"));
        assertThat(ana.email()).isEqualTo("ana@acme.test");
        assertThat(audited).containsExactly("member.invite member:ana@acme.test {} -> {roles=finance}");
        assertThat(locks).containsExactly("team");

        assertThatThrownBy(() -> asAcme(() -> team.invite(BOSS, "ana@acme.test", null, null, "organizer-staff", "http://x")))
                .isInstanceOfSatisfying(TeamConflictException.class, e -> assertThat(e.reason()).isEqualTo(TeamConflictException.ALREADY_MEMBER));
    }

    @Test
    void theLastAdminWhoCanSignInStaysAndAnInvitedAdminDoesNotCount() {
        directory.add("u-boss", "boss@acme.test", true, "organizer-admin");
        directory.add("u-new", "new@acme.test", false, "organizer-admin");
        assertThatThrownBy(() -> asAcme(() -> team.changeRole(BOSS, "u-boss", "organizer-staff")))
                .isInstanceOfSatisfying(TeamConflictException.class, e -> assertThat(e.reason()).isEqualTo(TeamConflictException.LAST_ADMIN));
        assertThatThrownBy(() -> asAcme(() -> {
            team.remove(BOSS, "u-boss");
            return null;
        })).isInstanceOf(TeamConflictException.class);
        assertThat(directory.roles("u-boss")).containsExactly("organizer-admin");
        assertThat(audited).isEmpty();

        // with a second admin who has signed up, stepping down is fine and audited with before and after
        directory.add("u-two", "two@acme.test", true, "organizer-admin");
        asAcme(() -> team.changeRole(BOSS, "u-boss", "finance"));
        assertThat(directory.roles("u-boss")).containsExactly("finance");
        assertThat(audited).containsExactly("member.role member:boss@acme.test {roles=organizer-admin} -> {roles=finance}");
    }

    @Test
    void onlyMembersOfTheTeamAreChangedOrRemoved() {
        directory.add("u-boss", "boss@acme.test", true, "organizer-admin");
        directory.add("u-buyer", "buyer@acme.test", true);
        assertThatThrownBy(() -> asAcme(() -> team.changeRole(BOSS, "u-buyer", "organizer-admin")))
                .isInstanceOf(CatalogNotFoundException.class);
        assertThatThrownBy(() -> asAcme(() -> team.changeRole(BOSS, "u-elsewhere", "finance")))
                .isInstanceOf(CatalogNotFoundException.class);
        assertThat(directory.roles("u-buyer")).isEmpty();

        directory.add("u-crew", "crew@acme.test", true, "organizer-staff");
        asAcme(() -> {
            team.remove(BOSS, "u-crew");
            return null;
        });
        assertThat(directory.roles("u-crew")).isEmpty();
        assertThat(audited).containsExactly("member.remove member:crew@acme.test {roles=organizer-staff} -> {}");
    }

    /** A realm in memory. */
    private static final class FakeDirectory implements TeamDirectory {
        private final Map<String, Person> people = new LinkedHashMap<>();
        private final List<String> invited = new ArrayList<>();

        void add(String id, String email, boolean passwordSet, String... roles) {
            people.put(id, new Person(id, email, null, null, List.of(roles), true, passwordSet));
        }

        List<String> roles(String id) {
            return people.get(id).roles();
        }

        @Override
        public List<Person> members(Tenant tenant) {
            return people.values().stream().filter(p -> !p.roles().isEmpty()).toList();
        }

        @Override
        public Optional<Person> member(Tenant tenant, String id) {
            return Optional.ofNullable(people.get(id));
        }

        @Override
        public Person invite(Tenant tenant, String email, String firstName, String lastName, String role, String returnTo) {
            invited.add(email);
            String id = "u-" + email;
            people.put(id, new Person(id, email, firstName, lastName, List.of(role), true, false));
            return people.get(id);
        }

        @Override
        public void setRoles(Tenant tenant, String id, List<String> roles) {
            Person p = people.get(id);
            people.put(id, new Person(p.id(), p.email(), p.firstName(), p.lastName(), roles, p.enabled(), p.passwordSet()));
        }
    }
}
