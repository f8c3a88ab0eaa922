package io.ticketing.platform.testsupport;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/** A real Hazelcast member alone in its cluster, on loopback, quiet: for tests of grid code outside the container. */
public final class LoopbackHazelcast {

    private LoopbackHazelcast() {
    }

    public static HazelcastInstance member(String clusterName) {
        Config config = new Config().setClusterName(clusterName + "-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config);
    }
}
