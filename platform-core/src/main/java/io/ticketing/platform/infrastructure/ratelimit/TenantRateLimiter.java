package io.ticketing.platform.infrastructure.ratelimit;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import io.ticketing.platform.infrastructure.tenancy.TenantGridNames;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Serial;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Counts per minute, per tenant and per key (a client address, say), shared by every node through
 * one Hazelcast map per tenant ({@code tenant.<id>.rate}). A fixed one-minute window: simple, and
 * at worst twice the limit across a window's edge. If the grid fails it lets requests through: a
 * lost count only loosens a limit, it must not take the shop down.
 */
@ApplicationScoped
public class TenantRateLimiter {

    private static final Logger LOG = Logger.getLogger(TenantRateLimiter.class.getName());
    static final String PURPOSE = "rate";

    @Resource(lookup = "payara/Hazelcast")
    private HazelcastInstance hazelcast;

    protected TenantRateLimiter() {
    }

    /** For tests outside the container, on a real Hazelcast member. */
    public TenantRateLimiter(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        configureMaps();
    }

    @PostConstruct
    void configureMaps() {
        try {
            // Windows are a minute long; two minutes of life is enough, and no backups: a count may be lost.
            hazelcast.getConfig().addMapConfig(new MapConfig(TenantGridNames.everyTenant(PURPOSE))
                    .setBackupCount(0).setTimeToLiveSeconds(120));
        } catch (RuntimeException alreadyThere) {
            LOG.fine(() -> "rate map configuration already present: " + alreadyThere);
        }
    }

    /**
     * Counts one more {@code action} by {@code key} in the current tenant; false once this minute
     * already had {@code perMinute} of them.
     */
    public boolean allow(String action, String key, int perMinute) {
        long minute = System.currentTimeMillis() / 60_000;
        try {
            int count = hazelcast.<String, Integer>getMap(TenantGridNames.current(PURPOSE))
                    .executeOnKey(action + "|" + key + "|" + minute, new Increment());
            return count <= perMinute;
        } catch (RuntimeException gridDown) {
            LOG.warning("Rate limit of " + action + " not counted (the grid failed): " + gridDown);
            return true;
        }
    }

    /** Adds one and says the new count; runs on the key's owner, one at a time per key. */
    static final class Increment implements EntryProcessor<String, Integer, Integer> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Integer process(Map.Entry<String, Integer> entry) {
            int count = entry.getValue() == null ? 1 : entry.getValue() + 1;
            entry.setValue(count);
            return count;
        }
    }
}
