package io.ticketing.platform.application;

import io.ticketing.platform.domain.catalog.Coupon;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.infrastructure.cache.CatalogChanged;
import io.ticketing.platform.infrastructure.persistence.TenantEntityManager;
import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coupon rows of the current tenant, in one JPA transaction per call; {@link CouponAdministration} audits what
 * each call changed once it has committed. Rules are checked here with messages naming the field.
 */
@ApplicationScoped
@Transactional
public class CouponStore {

    @Inject
    TenantEntityManager tenantEntityManager;

    @Inject
    jakarta.enterprise.event.Event<CatalogChanged> catalogChanged;

    /** What a change did: the coupon afterwards, and its values before (empty for a new one) and after. */
    public record Changed(Coupon coupon, Map<String, Object> before, Map<String, Object> after) {
    }

    public Changed add(CouponAdministration.Terms terms) {
        String normalized = code(terms.code());
        if ((terms.percentOff() == null) == (terms.amountOff() == null)) {
            throw new InvalidFieldException("percentOff", "Give either percentOff or amountOff");
        }
        EntityManager em = em();
        unique(normalized, null);
        requireAll("eventIds", terms.eventIds(), "SELECT e.id FROM Event e WHERE e.id IN :ids");
        requireAll("ticketTypeIds", terms.ticketTypeIds(), "SELECT t.id FROM TicketType t WHERE t.id IN :ids");
        Coupon coupon;
        try {
            coupon = terms.percentOff() != null
                    ? Coupon.percentOff(normalized, terms.percentOff(), terms.usageLimit(), terms.validFrom(), terms.validUntil())
                    : Coupon.amountOff(normalized, terms.amountOff(), terms.usageLimit(), terms.validFrom(), terms.validUntil());
        } catch (IllegalArgumentException e) {
            throw fieldError(e);
        }
        coupon.limitTo(terms.eventIds(), terms.ticketTypeIds());
        em.persist(coupon);
        em.flush();
        changed();
        return new Changed(coupon, Map.of(), values(coupon));
    }

    public Changed change(long id, CouponAdministration.Terms terms) {
        Coupon coupon = find(id);
        Map<String, Object> before = values(coupon);
        String normalized = code(terms.code());
        unique(normalized, id);
        requireAll("eventIds", terms.eventIds(), "SELECT e.id FROM Event e WHERE e.id IN :ids");
        requireAll("ticketTypeIds", terms.ticketTypeIds(), "SELECT t.id FROM TicketType t WHERE t.id IN :ids");
        try {
            coupon.change(normalized, terms.percentOff(), terms.amountOff(), terms.usageLimit(), terms.validFrom(), terms.validUntil());
        } catch (IllegalArgumentException e) {
            throw fieldError(e);
        }
        coupon.limitTo(terms.eventIds(), terms.ticketTypeIds());
        em().flush();
        changed();
        return new Changed(coupon, before, values(coupon));
    }

    public Changed activate(long id, boolean active) {
        Coupon coupon = find(id);
        Map<String, Object> before = values(coupon);
        coupon.setActive(active);
        em().flush();
        changed();
        return new Changed(coupon, before, values(coupon));
    }

    public Coupon find(long id) {
        Coupon coupon = em().find(Coupon.class, id);
        if (coupon == null) {
            throw new CatalogNotFoundException("coupon", id);
        }
        coupon.getEventIds();
        return coupon;
    }

    public List<Coupon> all() {
        return em().createQuery("SELECT c FROM Coupon c ORDER BY c.code", Coupon.class).getResultList();
    }

    /** Paid orders (refunded ones too) per coupon and currency: how many, and how much they took off. */
    public Map<Long, List<CouponAdministration.Usage>> usage() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("""
                SELECT coupon_id, currency, count(*), coalesce(sum(discount_minor), 0)
                  FROM customer_order
                 WHERE coupon_id IS NOT NULL AND status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')
                 GROUP BY coupon_id, currency ORDER BY coupon_id, currency""").getResultList();
        Map<Long, List<CouponAdministration.Usage>> usage = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String currency = String.valueOf(row[1]).strip();
            usage.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>())
                    .add(new CouponAdministration.Usage(((Number) row[2]).longValue(), Money.ofMinor(((Number) row[3]).longValue(), currency)));
        }
        return usage;
    }

    /** The values the audit log keeps of a coupon (all of its terms; no buyer data). */
    static Map<String, Object> values(Coupon c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("code", c.getCode());
        v.put("percentOff", c.getPercentOff());
        v.put("amountOff", c.getAmountOff() == null ? null : c.getAmountOff().amount().toPlainString() + " " + c.getAmountOff().currency().getCurrencyCode());
        v.put("usageLimit", c.getUsageLimit());
        v.put("validFrom", c.getValidFrom() == null ? null : c.getValidFrom().toInstant().toString());
        v.put("validUntil", c.getValidUntil() == null ? null : c.getValidUntil().toInstant().toString());
        v.put("eventIds", ids(c.getEventIds()));
        v.put("ticketTypeIds", ids(c.getTicketTypeIds()));
        v.put("active", c.isActive());
        return v;
    }

    private static String ids(Set<Long> ids) {
        return ids.isEmpty() ? null : String.join(", ", new TreeSet<>(ids).stream().map(String::valueOf).toList());
    }

    private void unique(String code, Long except) {
        List<Long> found = em().createQuery("SELECT c.id FROM Coupon c WHERE c.code = :code", Long.class)
                .setParameter("code", code).getResultList();
        if (found.stream().anyMatch(id -> !id.equals(except))) {
            throw new CatalogConflictException("A coupon with the code " + code + " already exists");
        }
    }

    private static String code(String code) {
        try {
            return Coupon.normalize(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("code", e.getMessage());
        }
    }

    private static InvalidFieldException fieldError(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int space = message.indexOf(' ');
        return new InvalidFieldException(space > 0 ? message.substring(0, space) : "code", message);
    }

    private void requireAll(String field, Set<Long> ids, String query) {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> found = em().createQuery(query, Long.class).setParameter("ids", ids).getResultList();
        Set<Long> missing = new TreeSet<>(ids);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new InvalidFieldException(field, "Not in this shop: " + missing);
        }
    }

    private void changed() {
        catalogChanged.fire(new CatalogChanged(TenantContext.require().id()));
    }

    private EntityManager em() {
        return tenantEntityManager.get();
    }
}
