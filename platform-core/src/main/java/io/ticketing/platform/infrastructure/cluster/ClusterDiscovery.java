package io.ticketing.platform.infrastructure.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a node whose data grid finds its members by multicast (Payara Micro's default
 * without {@code --clustermode}): any host that can reach the multicast group could join the grid
 * and read or change every tenant's stock and caches. Production nodes name their members
 * ({@code --clustermode tcpip:host1:port,host2:port}, or a Hazelcast config file with Kubernetes
 * discovery); {@code ticketing.cluster.allow-multicast=true} allows it on a trusted network.
 */
@ApplicationScoped
public class ClusterDiscovery {

    private static final Logger LOG = Logger.getLogger(ClusterDiscovery.class.getName());

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    @ConfigProperty(name = "ticketing.cluster.allow-multicast", defaultValue = "false")
    @jakarta.inject.Inject
    boolean multicastAllowed;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (hazelcast == null) {
            return; // no data grid at all (--nohazelcast): nothing can join
        }
        Optional<String> problem = problem(hazelcast.getConfig(), multicastAllowed);
        if (problem.isPresent()) {
            LOG.severe(problem.get());
            throw new IllegalStateException(problem.get());
        }
    }

    /** What is wrong with how this node finds its cluster, if anything. */
    public static Optional<String> problem(Config config, boolean multicastAllowed) {
        JoinConfig join = config.getNetworkConfig().getJoin();
        if (join.getMulticastConfig().isEnabled() && !multicastAllowed) {
            return Optional.of("The data grid joins by multicast, so any host on the network could join it. Start Payara Micro with "
                    + "--clustermode tcpip:<member>:<port>,... (or a --hzconfigfile with Kubernetes discovery), or set "
                    + "ticketing.cluster.allow-multicast=true on a network only the nodes can reach.");
        }
        return Optional.empty();
    }
}
