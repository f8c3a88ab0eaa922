package io.ticketing.storefront.backoffice;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.IdentityServiceDownException;
import io.ticketing.platform.application.TeamAdministration;
import io.ticketing.platform.application.TeamConflictException;
import io.ticketing.platform.application.TeamDirectory;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.StaffAuditLog;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.Formats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The shop's team ({@code /manage/team/index.xhtml}, organizer admins): who holds a back-office role and whether
 * they have set their password yet; invite a person by e-mail with a role; change a member's role; take them out of
 * the team. All through {@link TeamAdministration}, as the API. Each row's form names its member by id (not by the
 * row's place), so a list that changed in between never acts on the wrong person.
 */
@Named("teamPage")
@RequestScoped
public class TeamPage {

    @Inject
    TeamAdministration team;
    @Inject
    HttpServletRequest request;
    @Inject
    Formats fmt;

    private List<TeamDirectory.Person> members;
    private boolean unavailable;
    private String email;
    private String firstName;
    private String lastName;
    private String role = "organizer-staff";
    private String rowErrorFor;
    private String rowError;

    /** The team, or none (and a message) when the sign-in service is out of reach. */
    public List<TeamDirectory.Person> getMembers() {
        if (members == null) {
            try {
                members = team.members();
            } catch (IdentityServiceDownException e) {
                members = List.of();
                if (!unavailable) {
                    unavailable = true;
                    message(null, FacesMessage.SEVERITY_ERROR, fmt.text("team.unavailable"));
                }
            }
        }
        return members;
    }

    public boolean isUnavailable() {
        getMembers();
        return unavailable;
    }

    public List<String> getRoles() {
        return TeamAdministration.ROLES;
    }

    public String roleLabel(String role) {
        return fmt.text("team.role." + role);
    }

    public String rolesLabel(TeamDirectory.Person person) {
        return String.join(", ", person.roles().stream().map(this::roleLabel).toList());
    }

    /** What the person's standing is: {@code active}, {@code invited} (no password yet) or {@code disabled}. */
    public static String status(TeamDirectory.Person person) {
        return !person.enabled() ? "disabled" : person.passwordSet() ? "active" : "invited";
    }

    public String state(TeamDirectory.Person person) {
        return status(person);
    }

    public String statusLabel(TeamDirectory.Person person) {
        return fmt.text("team.status." + status(person));
    }

    public String name(TeamDirectory.Person person) {
        String name = ((person.firstName() == null ? "" : person.firstName()) + " "
                + (person.lastName() == null ? "" : person.lastName())).strip();
        return name.isEmpty() ? "" : name;
    }

    public boolean isMe(TeamDirectory.Person person) {
        return SignInFilter.current(request).map(u -> u.subject().equals(person.id())).orElse(false);
    }

    // --- invite

    public String invite() {
        requireAdmin();
        try {
            TeamDirectory.Person invited = team.invite(actor(), email, firstName, lastName, role, ManageTeamResource.returnTo(request));
            message(null, FacesMessage.SEVERITY_INFO, fmt.text(invited.passwordSet() ? "team.invitedExisting" : "team.invited",
                    invited.email(), roleLabel(role)));
            email = null;
            firstName = null;
            lastName = null;
            role = "organizer-staff";
            members = null;
        } catch (InvalidFieldException e) {
            String field = List.of("email", "firstName", "lastName", "role").contains(e.field()) ? e.field() : "email";
            String key = "email".equals(field) && (email == null || email.isBlank()) ? "team.error.emailMissing" : "team.error." + field;
            message("invite:" + field, FacesMessage.SEVERITY_ERROR, fmt.text(key));
        } catch (TeamConflictException e) {
            message("invite:email", FacesMessage.SEVERITY_ERROR, fmt.text("team.error." + e.reason(), email == null ? "" : email.strip()));
        } catch (IdentityServiceDownException e) {
            message(null, FacesMessage.SEVERITY_ERROR, fmt.text("team.unavailableNothingChanged"));
        }
        return null;
    }

    // --- a row: change role, remove

    public String changeRole() {
        requireAdmin();
        String id = request.getParameter("member");
        String wanted = request.getParameter("newRole");
        try {
            TeamDirectory.Person changed = team.changeRole(actor(), id, wanted);
            message(null, FacesMessage.SEVERITY_INFO, fmt.text("team.roleChanged", changed.email(), roleLabel(wanted)));
            members = null;
        } catch (TeamConflictException e) {
            rowError(id, fmt.text("team.error." + e.reason(), ""));
        } catch (InvalidFieldException e) {
            rowError(id, fmt.text("team.error.role"));
        } catch (CatalogNotFoundException e) {
            rowError(id, fmt.text("team.error.gone"));
        } catch (IdentityServiceDownException e) {
            rowError(id, fmt.text("team.unavailableNothingChanged"));
        }
        return null;
    }

    public String remove() {
        requireAdmin();
        String id = request.getParameter("member");
        try {
            String who = getMembers().stream().filter(p -> p.id().equals(id)).map(TeamDirectory.Person::email).findFirst().orElse("");
            team.remove(actor(), id);
            message(null, FacesMessage.SEVERITY_INFO, fmt.text("team.removed", who));
            members = null;
        } catch (TeamConflictException e) {
            rowError(id, fmt.text("team.error." + e.reason(), ""));
        } catch (CatalogNotFoundException e) {
            rowError(id, fmt.text("team.error.gone"));
        } catch (IdentityServiceDownException e) {
            rowError(id, fmt.text("team.unavailableNothingChanged"));
        }
        return null;
    }

    /** A refused row action is told in its row, beside its controls (and, for a screen reader, announced). */
    private void rowError(String id, String text) {
        rowErrorFor = id;
        rowError = text;
    }

    public String getRowErrorFor() {
        return rowErrorFor;
    }

    public String getRowError() {
        return rowError;
    }

    // --- the invite form's fields

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    private void requireAdmin() {
        if (SignInFilter.current(request).map(u -> !u.mayChange("team")).orElse(true)) {
            throw new SecurityException("Only the shop's organizer admins may change its team");
        }
    }

    private StaffAuditLog.Actor actor() {
        return SignInFilter.current(request).map(SignedInUser::actor).orElseThrow(() -> new SecurityException("Not signed in"));
    }

    private static void message(String clientId, FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
    }
}
