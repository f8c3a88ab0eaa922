package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.PlatformDataException;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finding tenants: by a request's host name or path, and all of them for the periodic work that visits each shop.
 *
 * <p>Every request of a shop is resolved here (two registry queries when it comes by {@code /t/{slug}/} on a
 * host that is no shop's), so each node remembers an answer, a "no such shop" too, for
 * {@code ticketing.tenants.fresh-for-ms} (1,000 ms; 0 turns it off). That is the bound on how late a
 * suspension, a new host name or a branding change reaches the pages of a node. The remembered answers
 * are few and small; past {@link #MAX_ENTRIES} (a flood of made-up Host headers) they are dropped
 * all at once rather than grown without bound.
 *
 * <p>When the registry cannot be read (the database is down), an answer remembered within
 * {@code ticketing.tenants.stale-if-error-ms} (five minutes; 0 turns it off) is used again: a shop stays
 * browsable on the pages its caches can build, and everything that needs the database answers 503 further in.
 * Nothing is lost by it: a suspension or a new host name is itself a write the outage would have refused.
 */
@ApplicationScoped
public class TenantDirectory {

    static final int MAX_ENTRIES = 10_000;

    @Inject
    TenantRegistry registry;

    @Inject
    @ConfigProperty(name = "ticketing.tenants.fresh-for-ms", defaultValue = "1000")
    long freshForMillis;

    @Inject
    @ConfigProperty(name = "ticketing.tenants.stale-if-error-ms", defaultValue = "300000")
    long staleIfErrorMillis;

    LongSupplier nanoClock = System::nanoTime;

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Optional<Tenant> tenant, long until) {
    }

    public Optional<Tenant> byHost(String host) {
        return remembered("host " + host, host, registry::findByHost);
    }

    public Optional<Tenant> bySlug(TenantSlug slug) {
        return remembered("slug " + slug.value(), slug, registry::findBySlug);
    }

    /**
     * Forgets every remembered answer on this node, so that a change its own organizer just made (branding, a host
     * name) shows on their next page here at once; other nodes see it within {@code fresh-for-ms}.
     */
    public void forget() {
        remembered.clear();
    }

    public List<Tenant> all() {
        return registry.findAll();
    }

    private <K> Optional<Tenant> remembered(String key, K lookup, Function<K, Optional<Tenant>> read) {
        if (freshForMillis <= 0) {
            return read.apply(lookup);
        }
        long now = nanoClock.getAsLong();
        Remembered known = remembered.get(key);
        if (known != null && now - known.until() < 0) {
            return known.tenant();
        }
        Optional<Tenant> tenant;
        try {
            tenant = read.apply(lookup); // a failure is not remembered
        } catch (PlatformDataException registryDown) {
            if (known != null && now - known.until() < staleIfErrorMillis * 1_000_000) {
                return known.tenant();
            }
            throw registryDown;
        }
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(tenant, now + freshForMillis * 1_000_000));
        return tenant;
    }
}
