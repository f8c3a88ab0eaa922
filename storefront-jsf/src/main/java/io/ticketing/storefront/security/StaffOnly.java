package io.ticketing.storefront.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource of the organizer API: only the shop's staff reach it. Checked by
 * {@link StaffOnlyFilter} on the resource JAX-RS actually matched, so no spelling of the URL
 * ({@code %6danage}, {@code manage;x=1}) gets a buyer past it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StaffOnly {
}
