package io.ticketing.operator.interfaces.rest;

import io.ticketing.platform.interfaces.web.ProblemPages;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's error body: {"status":422,"error":"invalid_field","field":"slug","message":"..."}. */
final class Problems {

    private Problems() {
    }

    static Response of(int status, String error, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ProblemPages.json(status, error, field, message)).build();
    }
}
