package io.ticketing.platform.domain.notification;

import java.util.Locale;
import java.util.Optional;

/** What a message is about; each has the platform's wording per language, which a shop may override. */
public enum NotificationKind {
    PURCHASE_CONFIRMATION(false),
    REFUND_CONFIRMATION(false),
    ORDER_EXPIRED(false),
    PAYMENT_DECLINED(false),
    ORDER_FLAGGED(true),
    PROMOTION(false),
    /** A finance user's daily or weekly sales report, to the address they subscribed with. */
    SCHEDULED_REPORT(true);

    private final boolean toStaff;

    NotificationKind(boolean toStaff) {
        this.toStaff = toStaff;
    }

    /** Sent to the shop's staff rather than to a buyer. */
    public boolean toStaff() {
        return toStaff;
    }

    /** As it appears in addresses and file names: {@code purchase-confirmation}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<NotificationKind> ofKey(String key) {
        for (NotificationKind kind : values()) {
            if (kind.key().equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
