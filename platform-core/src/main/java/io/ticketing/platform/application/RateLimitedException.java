package io.ticketing.platform.application;

/** Too many requests of one kind from one buyer or one client address within the minute. */
public class RateLimitedException extends RuntimeException {

    private final int retryAfterSeconds;

    public RateLimitedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
