package io.ticketing.storefront.security;

import io.ticketing.platform.domain.tenant.StaffAuditLog;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Who is signed in, and for which tenant. A session carries one of these per browser; it counts
 * only in the tenant it was issued for, so a session of shop A is nobody in shop B.
 */
public record SignedInUser(long tenantId, String subject, String email, String name, Set<String> roles,
                           String idToken) implements Serializable {

    public static final String SESSION_ATTRIBUTE = "ticketing.signedInUser";
    public static final Set<String> ORGANIZER_ROLES = Set.of("organizer-admin", "organizer-staff");
    public static final Set<String> FINANCE_ROLES = Set.of("finance", "organizer-admin");

    public SignedInUser {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyRole(Set<String> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    /** Organizer admin or staff: may use the back office. */
    public boolean organizer() {
        return hasAnyRole(ORGANIZER_ROLES);
    }

    /** Finance or organizer admin: may see the finance pages. */
    public boolean finance() {
        return hasAnyRole(FINANCE_ROLES);
    }

    /** This person as the shop's staff audit log names them. */
    public StaffAuditLog.Actor actor() {
        return new StaffAuditLog.Actor(subject, email);
    }

    /** The staff member behind an API request ({@link SignInFilter} put them there), for the audit log. */
    public static StaffAuditLog.Actor actorOf(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(SignInFilter.API_CALLER) instanceof SignedInUser user ? user.actor()
                : new StaffAuditLog.Actor("unknown", null);
    }

    /** Whether the back-office area named {@code area} ({@link BackOfficeArea#id()}) opens for this person: the nav asks. */
    public boolean opens(String area) {
        return BackOfficeArea.valueOf(area.toUpperCase(java.util.Locale.ROOT)).opensFor(this);
    }

    /** Whether this person may change things in the area named {@code area}, not only read them: pages' actions ask. */
    public boolean mayChange(String area) {
        return BackOfficeArea.valueOf(area.toUpperCase(java.util.Locale.ROOT)).changeableBy(this);
    }

    public List<String> sortedRoles() {
        return roles.stream().sorted().toList();
    }
}
