package io.ticketing.platform.application;

/**
 * A team change the shop's rules refuse: the last organizer admin stepping down, or an address whose account the
 * platform did not make (a customer's) that would be elevated, inviting someone who is in the team already.
 * {@code field} names the request field at fault; {@code reason} is one of the constants here, for pages to word it.
 */
public class TeamConflictException extends RuntimeException {

    public static final String LAST_ADMIN = "last-admin";
    public static final String NOT_OURS = "not-ours";
    public static final String ALREADY_MEMBER = "already-member";

    private final String field;
    private final String reason;

    public TeamConflictException(String field, String reason, String message) {
        super(message);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
