package io.ticketing.operator.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's error body: {"status":422,"error":"invalid_field","field":"slug","message":"..."}. */
final class Problems {

    private Problems() {
    }

    static Response of(int status, String error, String field, String message) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", status).add("error", error);
        if (field != null) {
            body.add("field", field);
        }
        body.add("message", message == null ? error : message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build().toString()).build();
    }
}
