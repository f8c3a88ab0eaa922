package io.ticketing.platform.domain.tenant;

import java.time.OffsetDateTime;
import java.util.List;

/** What the shop's own people changed in its settings (payment account, checkout, coupons), in the shop's schema. */
public interface StaffAuditLog {

    /** Who acted: their subject in the shop's realm, and their e-mail address as they signed in. */
    record Actor(String subject, String email) {
    }

    record Entry(long id, OffsetDateTime at, String actor, String actorEmail, String action, String detail) {
    }

    /** Records a change in the current tenant transaction, so it is audited exactly when it happens. */
    void add(Actor actor, String action, String detail);

    List<Entry> recent(int limit);
}
