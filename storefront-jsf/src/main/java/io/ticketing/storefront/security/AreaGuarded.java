package io.ticketing.storefront.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource of the organizer API whose callers {@link BackOfficeArea} decides (its writers anything, its
 * readers only GET), as {@link SignInFilter} does for the path; checked again by {@link AreaGuardedFilter} on the
 * resource JAX-RS actually matched, so no spelling of the URL ({@code %6danage}, {@code manage;x=1}) gets past it.
 * For areas that read-only roles open (orders for finance), where {@link StaffOnly} would shut them out.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AreaGuarded {
}
