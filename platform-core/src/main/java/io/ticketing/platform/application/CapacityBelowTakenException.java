package io.ticketing.platform.application;

import io.ticketing.platform.domain.shared.InvalidFieldException;

/** A ticket type's capacity asked to go below the tickets already sold and held. */
public class CapacityBelowTakenException extends InvalidFieldException {

    private final int sold;
    private final int held;

    public CapacityBelowTakenException(int sold, int held) {
        super("capacity", "The capacity cannot go below the " + (sold + held) + " tickets already taken ("
                + sold + " sold, " + held + " held)");
        this.sold = sold;
        this.held = held;
    }

    public int sold() {
        return sold;
    }

    public int held() {
        return held;
    }
}
