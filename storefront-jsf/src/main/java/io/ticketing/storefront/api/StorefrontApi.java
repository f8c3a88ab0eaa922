package io.ticketing.storefront.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The shop's JSON API, under /api (or /t/{slug}/api). */
@ApplicationPath("api")
public class StorefrontApi extends Application {
}
