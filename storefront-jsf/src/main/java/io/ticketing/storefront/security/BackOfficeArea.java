package io.ticketing.storefront.security;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says who may open which part of the back office, for pages ({@code /manage/...})
 * and the organizer API ({@code /api/manage/...}) alike. {@link SignInFilter} guards both with it and
 * the back-office nav shows only what it opens. Roles that may only read an area get its pages (whose
 * actions check {@link SignedInUser#mayChange}) and the API's GET requests.
 */
public enum BackOfficeArea {
    OVERVIEW("/manage/index.xhtml", Set.of("/manage/index.xhtml", "/manage/dashboard/"), Set.of("/api/manage/dashboard"),
            Set.of(Role.ADMIN, Role.STAFF), Set.of(Role.FINANCE)),
    EVENTS("/manage/events/index.xhtml", Set.of("/manage/events/"), Set.of("/api/manage/venues", "/api/manage/events", "/api/manage/series"),
            Set.of(Role.ADMIN, Role.STAFF), Set.of()),
    COUPONS("/manage/coupons/index.xhtml", Set.of("/manage/coupons/"), Set.of("/api/manage/coupons"),
            Set.of(Role.ADMIN, Role.STAFF), Set.of()),
    ORDERS("/manage/orders/index.xhtml", Set.of("/manage/orders/"), Set.of("/api/manage/orders", "/api/manage/buyers"),
            Set.of(Role.ADMIN, Role.STAFF), Set.of(Role.FINANCE)),
    CHECKIN("/manage/checkin.xhtml", Set.of("/manage/checkin.xhtml"), Set.of("/api/manage/checkin"),
            Set.of(Role.ADMIN, Role.STAFF), Set.of()),
    MESSAGES("/manage/messages.xhtml", Set.of("/manage/messages.xhtml"), Set.of("/api/manage/notifications"),
            Set.of(Role.ADMIN, Role.STAFF), Set.of()),
    FINANCE("/manage/finance/index.xhtml", Set.of("/manage/finance/"), Set.of("/api/manage/reports"),
            Set.of(Role.ADMIN, Role.FINANCE), Set.of()),
    TEAM("/manage/team/index.xhtml", Set.of("/manage/team/"), Set.of("/api/manage/team"),
            Set.of(Role.ADMIN), Set.of()),
    BRANDING("/manage/branding/index.xhtml", Set.of("/manage/branding/"), Set.of("/api/manage/branding"),
            Set.of(Role.ADMIN), Set.of()),
    PAYMENTS("/manage/payments/index.xhtml", Set.of("/manage/payments/"),
            Set.of("/api/manage/payments", "/api/manage/checkout", "/api/manage/notifications/channels"),
            Set.of(Role.ADMIN), Set.of()),
    AUDIT("/manage/audit/index.xhtml", Set.of("/manage/audit/"), Set.of("/api/manage/audit", "/api/manage/checkout/audit"),
            Set.of(Role.ADMIN), Set.of());

    /** The realm roles the back office knows. */
    public enum Role {
        ADMIN("organizer-admin", "organizer admins"), STAFF("organizer-staff", "organizer staff"),
        FINANCE("finance", "the finance team");

        public final String realmRole;
        private final String people;

        Role(String realmRole, String people) {
            this.realmRole = realmRole;
            this.people = people;
        }

        /** The back-office roles among a person's realm roles (not Keycloak's defaults), for messages. */
        public static java.util.List<String> of(SignedInUser user) {
            return Arrays.stream(values()).map(r -> r.realmRole).filter(user.roles()::contains).toList();
        }
    }

    /** Where the nav links to. */
    public final String entry;
    private final Set<String> pagePrefixes;
    private final Set<String> apiPrefixes;
    private final Set<Role> writers;
    private final Set<Role> readers;

    BackOfficeArea(String entry, Set<String> pagePrefixes, Set<String> apiPrefixes, Set<Role> writers, Set<Role> readers) {
        this.entry = entry;
        this.pagePrefixes = pagePrefixes;
        this.apiPrefixes = apiPrefixes;
        this.writers = writers;
        this.readers = readers;
    }

    /** The name pages use for their {@code area} parameter and the nav for ids ({@code area-events}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean opensFor(SignedInUser user) {
        return writers.stream().anyMatch(r -> user.roles().contains(r.realmRole))
                || readers.stream().anyMatch(r -> user.roles().contains(r.realmRole));
    }

    public boolean changeableBy(SignedInUser user) {
        return writers.stream().anyMatch(r -> user.roles().contains(r.realmRole));
    }

    /** The area a back-office page path belongs to; any other {@code /manage/} path counts as the organizers' (admin, staff). */
    public static Optional<BackOfficeArea> ofPage(String path) {
        return longest(path, true);
    }

    /** The area an organizer API path belongs to, if one claims it. */
    public static Optional<BackOfficeArea> ofApi(String path) {
        return longest(path, false);
    }

    private static Optional<BackOfficeArea> longest(String path, boolean page) {
        return Arrays.stream(values())
                .flatMap(a -> (page ? a.pagePrefixes : a.apiPrefixes).stream()
                        .filter(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p) || path.startsWith(p + "/"))
                        .map(p -> java.util.Map.entry(p.length(), a)))
                .max(Comparator.comparingInt(java.util.Map.Entry::getKey))
                .map(java.util.Map.Entry::getValue);
    }

    /** Who this area is for, in words for a refusal ("organizer admins and organizer staff"). */
    /** The roles that open the area, writers first. */
    public java.util.List<Role> roles() {
        return Arrays.stream(Role.values()).filter(r -> writers.contains(r) || readers.contains(r)).toList();
    }

    public String people() {
        java.util.List<String> people = Arrays.stream(Role.values())
                .filter(r -> writers.contains(r) || readers.contains(r)).map(r -> r.people).toList();
        return people.size() == 1 ? people.get(0)
                : String.join(", ", people.subList(0, people.size() - 1)) + " and " + people.get(people.size() - 1);
    }

    /**
     * Whether {@code caller} may send {@code method} to the organizer API at {@code path}: the claiming area's writers
     * anything, its readers only reads; a path no area claims is for organizer admins and staff.
     */
    public static boolean apiAllows(String path, SignedInUser caller, String method) {
        return ofApi(path).map(area -> area.allows(caller, method)).orElseGet(caller::organizer);
    }

    /** The words of a 403 from the organizer API at {@code path} for {@code caller}. */
    public static String apiRefusal(String path, SignedInUser caller) {
        Optional<BackOfficeArea> area = ofApi(path);
        boolean reads = area.isPresent() && area.get().opensFor(caller);
        java.util.List<String> roles = Role.of(caller);
        return "This part of the organizer API is for " + area.map(BackOfficeArea::people).orElse("organizer admins and organizer staff")
                + (reads ? "; you may only read it" : "") + ". " + caller.email() + " has "
                + (roles.isEmpty() ? "no back-office role" : String.join(", ", roles)) + " here.";
    }

    /** Whether {@code user} may send {@code method} to this area: writers anything, readers only reads. */
    public boolean allows(SignedInUser user, String method) {
        return changeableBy(user) || (opensFor(user) && ("GET".equals(method) || "HEAD".equals(method)));
    }
}
