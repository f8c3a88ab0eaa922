package io.ticketing.platform.infrastructure.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.Test;

/** Which ways of finding cluster members a node accepts: named members yes, multicast only when allowed. */
class ClusterDiscoveryTest {

    @Test
    void multicastIsRefusedUnlessAllowedAndNamedMembersPass() {
        Config multicast = new Config();
        multicast.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(true);
        assertThat(ClusterDiscovery.problem(multicast, false)).get().asString().contains("--clustermode tcpip:");
        assertThat(ClusterDiscovery.problem(multicast, true)).isEmpty();

        Config tcpip = new Config();
        tcpip.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        tcpip.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("10.0.0.11:6900");
        assertThat(ClusterDiscovery.problem(tcpip, false)).isEmpty();
    }
}
