package io.ticketing.operator.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The operator's JSON API, under /operator/api. */
@ApplicationPath("api")
public class OperatorApi extends Application {
}
