package io.ticketing.storefront;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The shop's JSON API, under /api (or /t/{slug}/api). */
@ApplicationPath("api")
public class StorefrontApi extends Application {

    /** Resources validate their own input (JsonFields): no Bean Validation pass on every request. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.beanValidation.disable.server", true);
    }
}
