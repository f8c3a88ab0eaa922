package io.ticketing.platform.domain.tenant;

/** A slug or host name is already taken; {@link #field()} names which. */
public class TenantConflictException extends RuntimeException {

    private final String field;

    public TenantConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
