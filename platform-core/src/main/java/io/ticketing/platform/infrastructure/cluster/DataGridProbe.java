package io.ticketing.platform.infrastructure.cluster;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's view of its data grid, for health checks: whether its member runs and takes part in an active cluster,
 * and whether any other member reached the database lately (so a node can tell "I cannot reach it" from "nobody can").
 */
@ApplicationScoped
public class DataGridProbe {

    /** Not a tenant's structure: member id to the cluster time at which that member last reached the database. */
    static final String DATABASE_SEEN = "platform.health.database-seen";
    private static final Logger LOG = Logger.getLogger(DataGridProbe.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    /** The grid's state as this member sees it; {@code running} false once its member has shut down for good. */
    public record Grid(boolean active, boolean running, int members, String state) {
    }

    public Grid grid() {
        if (hazelcast == null) {
            return new Grid(false, false, 0, "NONE");
        }
        try {
            if (!hazelcast.getLifecycleService().isRunning()) {
                return new Grid(false, false, 0, "SHUT_DOWN");
            }
            ClusterState state = hazelcast.getCluster().getClusterState();
            return new Grid(state == ClusterState.ACTIVE || state == ClusterState.NO_MIGRATION, true,
                    hazelcast.getCluster().getMembers().size(), state.name());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Data grid state unknown: {0}", e.toString());
            return new Grid(false, true, 0, "UNKNOWN");
        }
    }

    /** Tells the other members that this one reached the database just now (forgotten after {@code ttlMillis}). */
    public void databaseReached(long ttlMillis) {
        try {
            if (hazelcast != null && hazelcast.getLifecycleService().isRunning()) {
                UUID self = hazelcast.getCluster().getLocalMember().getUuid();
                IMap<UUID, Long> seen = hazelcast.getMap(DATABASE_SEEN);
                seen.setAsync(self, hazelcast.getCluster().getClusterTime(), ttlMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not record reaching the database", e);
        }
    }

    /** Whether another member reached the database within the last {@code withinMillis}. */
    public boolean anotherMemberReachedTheDatabase(long withinMillis) {
        try {
            if (hazelcast == null || !hazelcast.getLifecycleService().isRunning()) {
                return false;
            }
            UUID self = hazelcast.getCluster().getLocalMember().getUuid();
            long since = hazelcast.getCluster().getClusterTime() - withinMillis;
            IMap<UUID, Long> seen = hazelcast.getMap(DATABASE_SEEN);
            return seen.entrySet().stream().anyMatch(e -> !e.getKey().equals(self) && e.getValue() >= since);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
