package io.ticketing.platform.infrastructure.cache;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import io.ticketing.platform.infrastructure.tenancy.TenantGridNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Catalog reads shared by every node: one Hazelcast map per tenant ({@code tenant.<id>.catalog}),
 * named from the current tenant only, and every entry stamped with its tenant's id and checked on
 * the way out, so an entry of one shop cannot be served to another.
 *
 * <p>Invalidation is by generation: keys are prefixed with the tenant's current generation, and a
 * committed organizer change replaces it. Clearing the map instead would race: a reader that loaded
 * the old rows just before the commit could put them back just after the clear, stale until expiry.
 * With generations such a late write lands under a generation nobody reads again. The new
 * generation is written before the organizer's request returns, and the map lives on the partition
 * owners, so every node reads the change at once; old entries expire ({@link #TIME_TO_LIVE_SECONDS}).
 *
 * <p>Each node also keeps a copy of the entries it read ({@link #LOCAL_COPIES} at most, each for
 * {@link #LOCAL_SECONDS}), so a read costs one grid operation, the generation, instead of two and no
 * deserialization of the value. A copy is never stale: its key carries the generation, which is still
 * read from the grid on every request. Only when an invalidation is lost to a grid failure does a copy
 * outlive the grid's entry, by {@link #LOCAL_SECONDS} at most. Values are shared between requests:
 * readers never change them (they are records and lists nobody writes to).
 *
 * <p>The cache is an accelerator, never a dependency: if the grid fails, reads go to the database.
 */
@ApplicationScoped
public class CatalogCache {

    private static final Logger LOG = Logger.getLogger(CatalogCache.class.getName());
    public static final String PURPOSE = "catalog";
    static final String GENERATION = "~generation";
    /** Backstop for an invalidation lost to a grid failure, and how long old generations linger. */
    static final int TIME_TO_LIVE_SECONDS = 300;
    static final int MAX_ENTRIES_PER_NODE = 20_000;
    static final int LOCAL_COPIES = 2_000;
    static final int LOCAL_SECONDS = 60;

    /** Copies of grid entries on this node, by tenant id and versioned key; dropped all at once when full. */
    private final Map<String, LocalCopy> copies = new ConcurrentHashMap<>();

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance hazelcast;

    protected CatalogCache() {
    }

    /** For tests outside the container, on a real Hazelcast member. */
    public CatalogCache(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        configureMaps();
    }

    @PostConstruct
    void configureMaps() {
        try {
            hazelcast.getConfig().addMapConfig(new MapConfig(TenantGridNames.everyTenant(PURPOSE))
                    // A lost entry is only a miss: no backup copy to write on every put.
                    .setBackupCount(0)
                    .setTimeToLiveSeconds(TIME_TO_LIVE_SECONDS)
                    .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                            .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(MAX_ENTRIES_PER_NODE)));
        } catch (RuntimeException alreadyThere) {
            LOG.fine(() -> "catalog cache configuration already present: " + alreadyThere);
        }
    }

    /** The current tenant's value for {@code key}, loaded by {@code loader} (and shared) when not cached. */
    @SuppressWarnings("unchecked")
    public <T extends Serializable> T get(String key, Supplier<T> loader) {
        long tenantId = TenantContext.require().id();
        IMap<String, Object> map;
        String versionedKey;
        try {
            map = hazelcast.getMap(TenantGridNames.of(tenantId, PURPOSE));
            versionedKey = generation(map) + "|" + key;
            String localKey = tenantId + "|" + versionedKey;
            long now = System.nanoTime();
            LocalCopy copy = copies.get(localKey);
            if (copy != null && now - copy.until() < 0 && copy.entry().tenantId() == tenantId) {
                return (T) copy.entry().value();
            }
            Object found = map.get(versionedKey);
            if (found instanceof Entry entry) {
                if (entry.tenantId() == tenantId) {
                    keep(localKey, entry, now);
                    return (T) entry.value();
                }
                LOG.severe(() -> "catalog cache of tenant " + tenantId + " held an entry of tenant " + entry.tenantId() + "; not served");
            }
        } catch (RuntimeException gridTrouble) {
            LOG.warning(() -> "catalog cache unreadable, reading the database: " + gridTrouble);
            return loader.get();
        }
        T value = loader.get();
        try {
            Entry entry = new Entry(tenantId, value);
            map.set(versionedKey, entry);
            keep(tenantId + "|" + versionedKey, entry, System.nanoTime());
        } catch (RuntimeException gridTrouble) {
            LOG.warning(() -> "catalog cache unwritable: " + gridTrouble);
        }
        return value;
    }

    private void keep(String localKey, Entry entry, long now) {
        if (copies.size() >= LOCAL_COPIES) {
            copies.clear();
        }
        copies.put(localKey, new LocalCopy(entry, now + TimeUnit.SECONDS.toNanos(LOCAL_SECONDS)));
    }

    /**
     * The current tenant's catalog generation: it changes whenever the organizer changes anything the catalog holds, so
     * a copy of something built from the catalog (a rendered page) kept under it is never stale in those. Empty when
     * the grid cannot be read.
     */
    public Optional<String> generation() {
        long tenantId = TenantContext.require().id();
        try {
            return Optional.of(generation(hazelcast.getMap(TenantGridNames.of(tenantId, PURPOSE))));
        } catch (RuntimeException gridTrouble) {
            LOG.fine(() -> "catalog generation unreadable: " + gridTrouble);
            return Optional.empty();
        }
    }

    /** Makes every cached read of the tenant's catalog stale, on every node. */
    public void invalidate(long tenantId) {
        IMap<String, Object> map = hazelcast.getMap(TenantGridNames.of(tenantId, PURPOSE));
        map.set(GENERATION, newGeneration(), 0, TimeUnit.SECONDS);
    }

    /** After the organizer's transaction committed, never before: a reader must not cache the old rows as new. */
    void onCatalogChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChanged change) {
        try {
            invalidate(change.tenantId());
        } catch (RuntimeException gridTrouble) {
            LOG.log(Level.SEVERE, "catalog cache of tenant " + change.tenantId()
                    + " not invalidated; stale for at most " + TIME_TO_LIVE_SECONDS + " s", gridTrouble);
        }
    }

    private static String generation(IMap<String, Object> map) {
        Object current = map.get(GENERATION);
        if (current != null) {
            return (String) current;
        }
        String fresh = newGeneration();
        // No expiry (0): the generation stays until replaced. If it is evicted all the same, the next one is simply new.
        Object raced = map.putIfAbsent(GENERATION, fresh, 0, TimeUnit.SECONDS);
        return raced == null ? fresh : (String) raced;
    }

    private static String newGeneration() {
        return UUID.randomUUID().toString();
    }

    /** A cached value and the tenant it belongs to. */
    record Entry(long tenantId, Serializable value) implements Serializable {
    }

    /** A node's copy of a grid entry, until a moment of {@link System#nanoTime()}. */
    private record LocalCopy(Entry entry, long until) {
    }
}
