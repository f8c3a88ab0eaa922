package io.ticketing.storefront;

import io.ticketing.platform.interfaces.rest.ProblemMapper;
import jakarta.ws.rs.ext.Provider;

/** The platform's one problem mapper, registered for the shop's and back office's APIs. */
@Provider
public class ShopProblems extends ProblemMapper {
}
