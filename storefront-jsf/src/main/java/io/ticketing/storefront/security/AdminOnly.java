package io.ticketing.storefront.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks what only the shop's organizer admins may do: the payment account, checkout settings,
 * coupons, the catalog's contents and refunds. Staff work orders and check-in; finance reads
 * reports. Checked by {@link AdminOnlyFilter} on the resource method JAX-RS actually matched.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
}
