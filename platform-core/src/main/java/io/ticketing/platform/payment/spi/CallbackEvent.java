package io.ticketing.platform.payment.spi;

import io.ticketing.platform.domain.shared.Money;
import java.time.Instant;

/**
 * A verified callback, read: the provider's event id (unique per provider: replays share it), which
 * payment it is about, what happened, and the amount the provider reports; {@code live} is whether
 * the provider says it moved real money (Stripe's {@code livemode}), or null where it does not say.
 */
public record CallbackEvent(String eventId, String paymentRef, Kind kind, Money amount, Instant occurredAt, Boolean live) {

    /** An event of a provider that does not say whether it is live or a test. */
    public CallbackEvent(String eventId, String paymentRef, Kind kind, Money amount, Instant occurredAt) {
        this(eventId, paymentRef, kind, amount, occurredAt, null);
    }

    public enum Kind { PAID, DECLINED, CANCELLED, REFUNDED, OTHER }
}
