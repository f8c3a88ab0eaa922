package io.ticketing.platform.domain.stock;

/** A buyer asked for more time on a hold and cannot have it; {@link #reason()} says why. */
public class HoldNotExtendableException extends RuntimeException {

    /** Already extended once; others are waiting for these tickets (sold out); the hold has ended or is being paid for. */
    public enum Reason { ALREADY_EXTENDED, OTHERS_WAITING, ENDED }

    private final Reason reason;

    public HoldNotExtendableException(Reason reason) {
        super(switch (reason) {
            case ALREADY_EXTENDED -> "This hold has already been extended once";
            case OTHERS_WAITING -> "These tickets are sold out and others are waiting for them: this hold cannot be extended";
            case ENDED -> "This hold has ended or is being paid for, so it cannot be extended";
        }, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
