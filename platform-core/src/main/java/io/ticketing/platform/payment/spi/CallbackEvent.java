package io.ticketing.platform.payment.spi;

import io.ticketing.platform.domain.shared.Money;
import java.time.Instant;

/**
 * A verified callback, read: the provider's event id (unique per provider: replays share it), which
 * payment it is about, what happened, and the amount the provider reports.
 */
public record CallbackEvent(String eventId, String paymentRef, Kind kind, Money amount, Instant occurredAt) {

    public enum Kind { PAID, DECLINED, CANCELLED, REFUNDED, OTHER }
}
