package io.ticketing.platform.domain.tenant;

/** A slug that breaks the rules; the message says which rule, in words a person understands. */
public class InvalidTenantSlugException extends IllegalArgumentException {

    private final String rejected;

    public InvalidTenantSlugException(String rejected, String reason) {
        super("Invalid tenant slug '" + rejected + "': " + reason);
        this.rejected = rejected;
    }

    public String rejected() {
        return rejected;
    }
}
