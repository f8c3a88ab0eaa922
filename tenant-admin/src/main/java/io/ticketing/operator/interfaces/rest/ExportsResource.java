package io.ticketing.operator.interfaces.rest;

import io.ticketing.operator.application.TenantNotFoundException;
import io.ticketing.operator.application.TenantOperations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Downloads of offboarding exports: a zip with one CSV per table. */
@Path("exports")
public class ExportsResource {

    @Inject
    TenantOperations operations;

    @GET
    @Path("{id}")
    public Response download(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new TenantNotFoundException("export " + id);
        }
        var export = operations.export(uuid);
        return Response.ok(export.content(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + export.tenantSlug() + "-export.zip\"")
                .build();
    }
}
