package io.ticketing.platform.domain.tenant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the shop's own people did in its back office (events, prices, orders, refunds, team, branding, payment
 * account, checkout, coupons), in the shop's schema: who, what, when, on what, and for settings and prices the
 * values before and after. Never a secret's value, never a buyer's address.
 */
public interface StaffAuditLog {

    /** Who acted: their subject in the shop's realm, and their e-mail address as they signed in. */
    record Actor(String subject, String email) {
    }

    /**
     * One recorded action. {@code subject} names what it touched ({@code "event:12"}, {@code "order:<uuid>"}) or is null;
     * {@code before} and {@code after} map field names to their values (strings, numbers, booleans) or are empty.
     */
    record Entry(long id, OffsetDateTime at, String actor, String actorEmail, String action, String detail, String subject,
                 Map<String, Object> before, Map<String, Object> after) {

        public Entry {
            before = before == null ? Map.of() : before;
            after = after == null ? Map.of() : after;
        }
    }

    /** A change of values to record: only the fields that differ are kept. */
    record Change(String subject, Map<String, Object> before, Map<String, Object> after) {
        public static Change of(String subject) {
            return new Change(subject, Map.of(), Map.of());
        }
    }

    /** What the log is searched by; nulls match everything. {@code action} matches a prefix ("event." all event actions). */
    record Query(String action, String actorEmail, String subject, OffsetDateTime from, OffsetDateTime to, Long beforeId,
                 int limit) {
        public static Query latest(int limit) {
            return new Query(null, null, null, null, null, null, limit);
        }
    }

    /** Records a change in the current tenant transaction, so it is audited exactly when it happens. */
    void add(Actor actor, String action, String detail);

    /** The same with what was touched and the values before and after (fields equal in both are left out). */
    void add(Actor actor, String action, String detail, Change change);

    List<Entry> recent(int limit);

    /** Newest first, filtered; {@code beforeId} pages back from an entry. */
    List<Entry> search(Query query);
}
