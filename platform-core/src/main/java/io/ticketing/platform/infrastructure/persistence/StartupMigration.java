package io.ticketing.platform.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;

/** Where the start-up migration of this application stands; read by the start-up health check without waiting on it. */
@ApplicationScoped
public class StartupMigration {

    /** Running, done (every schema at the newest version), or left to others ({@code ticketing.migrate-on-start=false}). */
    public enum State { RUNNING, DONE, LEFT_TO_OTHERS }

    private volatile State state = State.RUNNING;

    public State state() {
        return state;
    }

    void finished(State state) {
        this.state = state;
    }
}
