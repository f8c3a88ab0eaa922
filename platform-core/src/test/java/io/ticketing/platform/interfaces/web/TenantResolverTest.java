package io.ticketing.platform.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.domain.tenant.TenantStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TenantResolverTest {

    private static final Tenant ACME = tenant(1, "acme", TenantStatus.ACTIVE, "tickets.acme.com");
    private static final Tenant JAZZ = tenant(2, "jazz", TenantStatus.ACTIVE);
    private static final Tenant SHUT = tenant(3, "shut", TenantStatus.SUSPENDED, "shut.example.org");
    private static final Tenant HALF = tenant(4, "half", TenantStatus.PROVISIONING, "half.example.org");

    private final AtomicInteger slugLookups = new AtomicInteger();
    private final TenantResolver resolver = new TenantResolver(new TenantResolver.Directory() {
        final Map<String, Tenant> bySlug = Map.of("acme", ACME, "jazz", JAZZ, "shut", SHUT, "half", HALF);

        @Override
        public Optional<Tenant> byHost(String host) {
            return bySlug.values().stream().filter(t -> t.hosts().contains(host)).findFirst();
        }

        @Override
        public Optional<Tenant> bySlug(TenantSlug slug) {
            slugLookups.incrementAndGet();
            return Optional.ofNullable(bySlug.get(slug.value()));
        }
    });

    @Test
    void hostNameWinsAndKeepsThePath() {
        var r = resolver.resolve("Tickets.Acme.com:443", "/events.xhtml");
        assertThat(r).isEqualTo(new TenantResolution.Open(ACME, "", "/events.xhtml"));
    }

    @Test
    void pathPrefixOnThePlatformHost() {
        var r = resolver.resolve("localhost:8080", "/t/jazz/events.xhtml");
        assertThat(r).isEqualTo(new TenantResolution.Open(JAZZ, "/t/jazz", "/events.xhtml"));
        assertThat(resolver.resolve("localhost", "/t/jazz/")).isEqualTo(new TenantResolution.Open(JAZZ, "/t/jazz", "/"));
    }

    @Test
    void aTenantHostNeverHonoursAPathPrefixForAnotherTenant() {
        assertThat(resolver.resolve("tickets.acme.com", "/t/jazz/")).isInstanceOf(TenantResolution.Unknown.class);
        assertThat(resolver.resolve("tickets.acme.com", "/t")).isInstanceOf(TenantResolution.Unknown.class);
    }

    @Test
    void unknownAndInvalidSlugsAreUnknownWithoutTouchingTheDirectoryForBadOnes() {
        assertThat(resolver.resolve("localhost", "/t/nobody/")).isEqualTo(new TenantResolution.Unknown("nobody"));
        int before = slugLookups.get();
        assertThat(resolver.resolve("localhost", "/t/DROP%20TABLE/")).isInstanceOf(TenantResolution.Unknown.class);
        assertThat(resolver.resolve("localhost", "/t/../admin/")).isInstanceOf(TenantResolution.Unknown.class);
        assertThat(slugLookups.get()).isEqualTo(before);
    }

    @Test
    void suspendedTenantsAreClosedWhicheverWayTheyAreReached() {
        assertThat(resolver.resolve("localhost", "/t/shut/")).isEqualTo(new TenantResolution.Closed(SHUT));
        assertThat(resolver.resolve("shut.example.org", "/")).isEqualTo(new TenantResolution.Closed(SHUT));
    }

    @Test
    void aTenantStillBeingOnboardedDoesNotExistForBuyers() {
        assertThat(resolver.resolve("localhost", "/t/half/")).isEqualTo(new TenantResolution.Unknown("half"));
        assertThat(resolver.resolve("half.example.org", "/")).isEqualTo(new TenantResolution.Unknown("half"));
    }

    @Test
    void bareSlugGetsItsTrailingSlash() {
        assertThat(resolver.resolve("localhost", "/t/jazz")).isEqualTo(new TenantResolution.AddTrailingSlash("/t/jazz/"));
    }

    @Test
    void platformHostWithoutPrefixHasNoTenant() {
        assertThat(resolver.resolve("localhost", "/")).isEqualTo(new TenantResolution.NoTenant("/"));
        assertThat(resolver.resolve(null, "/jakarta.faces.resource/x.css"))
                .isEqualTo(new TenantResolution.NoTenant("/jakarta.faces.resource/x.css"));
        assertThat(resolver.resolve("localhost", "/tickets")).isEqualTo(new TenantResolution.NoTenant("/tickets"));
    }

    private static Tenant tenant(long id, String slug, TenantStatus status, String... hosts) {
        return new Tenant(id, new TenantSlug(slug), slug.toUpperCase(), status, Branding.defaults(), List.of(hosts), null);
    }
}
