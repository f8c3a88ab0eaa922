package io.ticketing.platform.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.infrastructure.cluster.DataGridProbe;
import io.ticketing.platform.infrastructure.persistence.DatabaseProbe;
import org.junit.jupiter.api.Test;

/** How a node tells its own loss of the database from the database's outage (pure logic, probes faked). */
class PlatformHealthTest {

    private boolean reachable;
    private boolean peerReached;
    private int recorded;
    private int probes;

    private PlatformHealth health() {
        PlatformHealth health = new PlatformHealth();
        health.database = new DatabaseProbe() {
            @Override
            public boolean reachable() {
                probes++;
                return reachable;
            }
        };
        health.dataGrid = new DataGridProbe() {
            @Override
            public void databaseReached(long ttlMillis) {
                recorded++;
            }

            @Override
            public boolean anotherMemberReachedTheDatabase(long withinMillis) {
                return peerReached;
            }
        };
        return health;
    }

    @Test
    void reachingTheDatabaseIsToldToThePeers() {
        reachable = true;
        assertThat(health().database()).isEqualTo(PlatformHealth.Database.REACHABLE);
        assertThat(recorded).isEqualTo(1);
    }

    @Test
    void aNodeThatAloneCannotReachItIsAtFault() {
        reachable = false;
        peerReached = true;
        assertThat(health().database()).isEqualTo(PlatformHealth.Database.UNREACHABLE_FROM_THIS_NODE);
        assertThat(recorded).isZero();
    }

    @Test
    void whenNoMemberReachesItItIsTheDatabasesOutage() {
        reachable = false;
        peerReached = false;
        assertThat(health().database()).isEqualTo(PlatformHealth.Database.UNREACHABLE_FROM_EVERY_NODE);
    }

    @Test
    void probesWithinASecondShareOneAnswerAndDrainingIsForGood() {
        reachable = true;
        PlatformHealth health = health();
        health.database();
        reachable = false;
        assertThat(health.database()).as("the answer of a moment ago").isEqualTo(PlatformHealth.Database.REACHABLE);
        assertThat(probes).isEqualTo(1);
        assertThat(health.draining()).isFalse();
        health.drain();
        assertThat(health.draining()).isTrue();
    }
}
