package io.ticketing.storefront.shop;

import io.ticketing.platform.infrastructure.tenancy.TenantContext;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a browser's session keeps between shop pages, one {@link Basket} per shop: one browser may
 * visit several shops on one host (/t/a/, /t/b/), and a basket is only ever reached for the shop
 * being served, so shop B's pages cannot see shop A's holds, guest token or orders.
 */
@SessionScoped
public class ShopSession implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Long, Basket> baskets = new ConcurrentHashMap<>();

    /** The basket of the shop being served. */
    public Basket basket() {
        return baskets.computeIfAbsent(TenantContext.require().id(), id -> new Basket());
    }

    /**
     * A buyer's basket in one shop: their guest token (when they buy as a guest), the holds in the
     * cart, the coupon they applied, the idempotency key of the checkout the cart page shows, and
     * the last checkout it made (so a second click of the same page lands on the same order).
     */
    public static final class Basket implements Serializable {

        private static final long serialVersionUID = 1L;

        private String guestToken;
        private final List<UUID> holdIds = new ArrayList<>();
        private String coupon;
        private String checkoutKey;
        private String lastCheckoutKey;
        private UUID lastOrder;

        public synchronized String guestToken() {
            return guestToken;
        }

        public synchronized void guestToken(String token) {
            this.guestToken = token;
        }

        public synchronized List<UUID> holdIds() {
            return List.copyOf(holdIds);
        }

        public synchronized void add(UUID holdId) {
            holdIds.add(holdId);
            checkoutKey = null;
        }

        public synchronized void remove(UUID holdId) {
            if (holdIds.remove(holdId)) {
                checkoutKey = null;
            }
        }

        public synchronized String coupon() {
            return coupon;
        }

        public synchronized void coupon(String code) {
            if (!java.util.Objects.equals(coupon, code)) {
                coupon = code;
                checkoutKey = null;
            }
        }

        /** The key the next order of this cart is made with; a new one whenever the cart changes. */
        public synchronized String checkoutKey() {
            if (checkoutKey == null) {
                byte[] random = new byte[18];
                RANDOM.nextBytes(random);
                checkoutKey = "shop-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            }
            return checkoutKey;
        }

        /** The cart became an order: it is empty now, and the key that made it points at the order. */
        public synchronized void checkedOut(String key, UUID orderId) {
            holdIds.clear();
            coupon = null;
            checkoutKey = null;
            lastCheckoutKey = key;
            lastOrder = orderId;
        }

        /** The order an earlier submit of this checkout key made, or null. */
        public synchronized UUID orderMadeWith(String key) {
            return key != null && key.equals(lastCheckoutKey) ? lastOrder : null;
        }

        public synchronized UUID lastOrder() {
            return lastOrder;
        }
    }
}
