package io.ticketing.platform.application;

import io.ticketing.platform.infrastructure.cluster.DataGridProbe;
import io.ticketing.platform.infrastructure.health.IdentityProbe;
import io.ticketing.platform.infrastructure.persistence.DatabaseProbe;
import io.ticketing.platform.infrastructure.persistence.StartupMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * What a node needs to serve, as health checks and load balancers ask it; says nothing about any tenant. Answers are
 * kept a moment (the database's a second, Keycloak's five), so probes from several sides cost the services little.
 */
@ApplicationScoped
public class PlatformHealth {

    /** How long another member's word that it reached the database counts. */
    static final long PEERS_SEEN_WITHIN_MS = 15_000; // three heartbeats (DatabaseHeartbeat)

    /** Whether this node reaches the database, and when it does not, whether its peers do. */
    public enum Database { REACHABLE, UNREACHABLE_FROM_THIS_NODE, UNREACHABLE_FROM_EVERY_NODE }

    /** The data grid as this member sees it: {@code active} when it takes part in a cluster that accepts work. */
    public record Grid(boolean active, boolean running, int members, String state) {
    }

    public enum Identity { UP, DOWN, NOT_CONFIGURED }

    public enum Migrations { RUNNING, DONE, LEFT_TO_OTHERS }

    @Inject
    DatabaseProbe database;
    @Inject
    DataGridProbe dataGrid;
    @Inject
    IdentityProbe identity;
    @Inject
    StartupMigration migration;

    private final Kept<Database> databaseAnswer = new Kept<>(1_000);
    private final Kept<Identity> identityAnswer = new Kept<>(5_000);
    private volatile boolean draining;

    /** Asked now, not from the kept answer: the operator's health endpoint says what the database does this moment. */
    public boolean databaseUp() {
        return database.reachable();
    }

    /**
     * A node that cannot reach the database while a peer did in the last 15 s is the one at fault; when no member
     * reaches it, it is the database's outage, and every node stays to serve what its caches can.
     */
    public Database database() {
        return databaseAnswer.get(() -> {
            if (database.reachable()) {
                dataGrid.databaseReached(PEERS_SEEN_WITHIN_MS);
                return Database.REACHABLE;
            }
            return dataGrid.anotherMemberReachedTheDatabase(PEERS_SEEN_WITHIN_MS)
                    ? Database.UNREACHABLE_FROM_THIS_NODE : Database.UNREACHABLE_FROM_EVERY_NODE;
        });
    }

    public Grid grid() {
        DataGridProbe.Grid grid = dataGrid.grid();
        return new Grid(grid.running() && grid.active(), grid.running(), grid.members(), grid.state());
    }

    public Identity identity() {
        return identityAnswer.get(() -> !identity.configured() ? Identity.NOT_CONFIGURED
                : identity.reachable() ? Identity.UP : Identity.DOWN);
    }

    public Migrations migrations() {
        return Migrations.valueOf(migration.state().name());
    }

    /** From now on this node says it is not ready, so load balancers stop sending it new requests before it stops. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** An answer kept for a while; when two ask at once past its time both may compute it, which is harmless. */
    private static final class Kept<T> {
        private final long forNanos;
        private volatile T value;
        private volatile long until;

        Kept(long forMillis) {
            this.forNanos = forMillis * 1_000_000;
        }

        T get(Supplier<T> compute) {
            long now = System.nanoTime();
            T kept = value;
            if (kept != null && now - until < 0) {
                return kept;
            }
            T fresh = compute.get();
            value = fresh;
            until = System.nanoTime() + forNanos;
            return fresh;
        }
    }
}
