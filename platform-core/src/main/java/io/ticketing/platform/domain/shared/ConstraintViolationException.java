package io.ticketing.platform.domain.shared;

/** The database refused a change that broke one of its constraints: the final guard of a rule. */
public class ConstraintViolationException extends PlatformDataException {

    /** Which kind of constraint refused. */
    public enum Kind { UNIQUE, CHECK }

    private final Kind kind;

    public ConstraintViolationException(Kind kind, Throwable cause) {
        super("The database refused a change: a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " constraint", cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
