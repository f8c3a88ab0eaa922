package io.ticketing.platform.domain.stock;

/** The hold is no longer active: released, expired or turned into an order. */
public class HoldEndedException extends RuntimeException {

    public HoldEndedException(HoldStatus status) {
        super("This hold has already ended (" + status.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
