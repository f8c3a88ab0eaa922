package io.ticketing.platform.application;

import io.ticketing.platform.domain.tenant.Tenant;
import java.util.List;
import java.util.Optional;

/**
 * Where a shop's people and their back-office roles live: the shop's own Keycloak realm (adapter
 * {@code infrastructure.identity.KeycloakTeamDirectory}). Out of reach: {@link IdentityServiceDownException};
 * an account that is not the platform's to elevate: {@link TeamConflictException}.
 */
public interface TeamDirectory {

    /** A person with the back-office roles they hold ({@link TeamAdministration#ROLES}); {@code passwordSet} false while invited. */
    record Person(String id, String email, String firstName, String lastName, List<String> roles, boolean enabled,
                  boolean passwordSet) {
        public Person {
            roles = List.copyOf(roles);
        }
    }

    /** Everyone of the tenant's realm holding a back-office role. */
    List<Person> members(Tenant tenant);

    /** One person of the tenant's realm by id (with no role, too); empty when the realm has nobody by that id. */
    Optional<Person> member(Tenant tenant, String id);

    /**
     * Gives {@code email} the role, making the account (the platform's) when there is none, and has the realm mail them
     * a link to set their password that leads back to {@code returnTo}. Nothing is left half done when the mail fails.
     */
    Person invite(Tenant tenant, String email, String firstName, String lastName, String role, String returnTo);

    /** Gives the person exactly these back-office roles (none: out of the team; the account itself stays). */
    void setRoles(Tenant tenant, String id, List<String> roles);
}
