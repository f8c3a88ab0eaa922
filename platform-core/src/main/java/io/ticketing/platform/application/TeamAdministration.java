package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.TenantTransactions;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shop's team: who holds a back-office role in the shop's realm, inviting a person by e-mail with a role
 * (the realm mails them a link to set their password), changing a person's role and taking them out of the team
 * (their roles go; their account, maybe a buyer's too, stays). The shop always keeps one organizer admin who can
 * sign in. Team changes of one shop are serialised across nodes and audited ({@code member.invite},
 * {@code member.role}, {@code member.remove}, subject {@code member:<email>}); pages and API call these methods.
 */
@ApplicationScoped
public class TeamAdministration {

    public static final String ADMIN = "organizer-admin";
    /** The back-office roles, in the order pages offer them. */
    public static final List<String> ROLES = List.of(ADMIN, "organizer-staff", "finance");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:]+");
    private static final int NAME_MAX = 100;

    @Inject
    TeamDirectory directory;
    @Inject
    TenantTransactions transactions;
    @Inject
    StaffAuditLog audit;

    /** Everyone holding a back-office role in this shop, by e-mail. */
    public List<TeamDirectory.Person> members() {
        return directory.members(tenant());
    }

    /**
     * Invites {@code email} with {@code role}: the realm mails them a link to set a password that leads back to
     * {@code returnTo} (this shop's back office). Someone already in the team is refused (change their role instead).
     */
    public TeamDirectory.Person invite(StaffAuditLog.Actor actor, String email, String firstName, String lastName, String role,
                                       String returnTo) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            throw new InvalidFieldException("email", "Enter the e-mail address of the person to invite");
        }
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new InvalidFieldException("email", "This is not an e-mail address: write it as name@example.com");
        }
        checkRole(role);
        String first = name("firstName", firstName);
        String last = name("lastName", lastName);
        Tenant tenant = tenant();
        return transactions.inTransaction(() -> {
            transactions.lockUntilCommit("team");
            if (directory.members(tenant).stream().anyMatch(p -> address.equalsIgnoreCase(p.email()))) {
                throw new TeamConflictException("email", TeamConflictException.ALREADY_MEMBER,
                        address + " is in the team already: change their role instead");
            }
            TeamDirectory.Person invited = directory.invite(tenant, address, first, last, role, returnTo);
            audit.add(actor, "member.invite", address + " invited as " + role
                            + (invited.passwordSet() ? " (has a password already: no mail)" : " (mailed a link to set a password)"),
                    new StaffAuditLog.Change(subject(address), Map.of(), Map.of("roles", role)));
            return invited;
        });
    }

    /** Gives a member of the team another role (one role each). */
    public TeamDirectory.Person changeRole(StaffAuditLog.Actor actor, String id, String role) {
        checkRole(role);
        Tenant tenant = tenant();
        return transactions.inTransaction(() -> {
            transactions.lockUntilCommit("team");
            TeamDirectory.Person person = inTeam(tenant, id);
            if (person.roles().equals(List.of(role))) {
                return person;
            }
            keepAnAdmin(tenant, person, actor, role);
            directory.setRoles(tenant, person.id(), List.of(role));
            audit.add(actor, "member.role", person.email() + ": " + String.join(", ", person.roles()) + " -> " + role,
                    new StaffAuditLog.Change(subject(person.email()), Map.of("roles", String.join(",", person.roles())),
                            Map.of("roles", role)));
            return directory.member(tenant, person.id()).orElse(person);
        });
    }

    /** Takes a member out of the team: their back-office roles go, their account (and what they bought) stays. */
    public void remove(StaffAuditLog.Actor actor, String id) {
        Tenant tenant = tenant();
        transactions.run(() -> {
            transactions.lockUntilCommit("team");
            TeamDirectory.Person person = inTeam(tenant, id);
            keepAnAdmin(tenant, person, actor, null);
            directory.setRoles(tenant, person.id(), List.of());
            audit.add(actor, "member.remove", person.email() + " removed from the team (was " + String.join(", ", person.roles()) + ")",
                    new StaffAuditLog.Change(subject(person.email()), Map.of("roles", String.join(",", person.roles())), Map.of()));
        });
    }

    /** The shop must keep an organizer admin who can sign in: the last one cannot step down or be removed. */
    private void keepAnAdmin(Tenant tenant, TeamDirectory.Person person, StaffAuditLog.Actor actor, String newRole) {
        if (!person.roles().contains(ADMIN) || ADMIN.equals(newRole)) {
            return;
        }
        boolean anotherAdmin = directory.members(tenant).stream()
                .anyMatch(p -> !p.id().equals(person.id()) && p.roles().contains(ADMIN) && p.enabled() && p.passwordSet());
        if (!anotherAdmin) {
            boolean self = person.id().equals(actor.subject());
            throw new TeamConflictException("role", TeamConflictException.LAST_ADMIN, (self ? "You are" : person.email() + " is")
                    + " the shop's last organizer admin who can sign in: make someone else organizer admin first");
        }
    }

    private TeamDirectory.Person inTeam(Tenant tenant, String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new CatalogNotFoundException("No such member of this shop's team");
        }
        return directory.member(tenant, id).filter(p -> !p.roles().isEmpty())
                .orElseThrow(() -> new CatalogNotFoundException("No such member of this shop's team"));
    }

    private static void checkRole(String role) {
        if (role == null || !ROLES.contains(role)) {
            throw new InvalidFieldException("role", "Choose one of the roles: " + String.join(", ", ROLES));
        }
    }

    private static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > NAME_MAX) {
            throw new InvalidFieldException(field, "At most " + NAME_MAX + " characters");
        }
        return value.strip();
    }

    private static String subject(String email) {
        return "member:" + email.toLowerCase(Locale.ROOT);
    }

    private static Tenant tenant() {
        return TenantContext.require();
    }
}
