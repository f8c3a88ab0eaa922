package io.ticketing.operator.interfaces.rest;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.operator.application.TenantOperations;
import io.ticketing.platform.domain.tenant.Tenant;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The tenant lifecycle: /operator/api/tenants. */
@Path("tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    @Inject
    TenantOperations operations;
    @Context
    ContainerRequestContext request;
    @Context
    UriInfo uri;

    /** 201 when this call brought the tenant to life, 200 when it already was (an idempotent repeat). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response onboard(String body) {
        var onboarded = operations.onboard(operator(), TenantJson.newTenant(TenantJson.parse(body)));
        var json = TenantJson.tenant(onboarded.tenant());
        if (onboarded.initialAdminPassword() != null) {
            json.add("initialAdminPassword", onboarded.initialAdminPassword())
                    .add("initialAdminPasswordNote", "Shown once. The administrator must replace it at first login.");
        }
        var location = uri.getAbsolutePathBuilder().path(onboarded.tenant().slug().value()).build();
        return (onboarded.completedNow() ? Response.created(location) : Response.ok().location(location))
                .entity(json.build().toString()).build();
    }

    @GET
    public String list() {
        var tenants = JSON.createArrayBuilder();
        for (Tenant t : operations.list()) {
            tenants.add(TenantJson.tenant(t));
        }
        return JSON.createObjectBuilder().add("tenants", tenants).build().toString();
    }

    @GET
    @Path("{slug}")
    public String get(@PathParam("slug") String slug) {
        return TenantJson.tenant(operations.get(slug)).build().toString();
    }

    @POST
    @Path("{slug}/suspend")
    public String suspend(@PathParam("slug") String slug) {
        return TenantJson.tenant(operations.suspend(operator(), slug)).build().toString();
    }

    @POST
    @Path("{slug}/reactivate")
    public String reactivate(@PathParam("slug") String slug) {
        return TenantJson.tenant(operations.reactivate(operator(), slug)).build().toString();
    }

    /** Offboards after exporting; the body must be {"confirm": "<slug>"}. */
    /**
     * {@code DELETE /tenants/{slug}?confirm={slug}}. A {@code {"confirm": ...}} body is read too, but
     * HTTP/1.1 clients cannot count on it: Grizzly refuses a DELETE that carries a payload.
     */
    @DELETE
    @Path("{slug}")
    public String offboard(@PathParam("slug") String slug, @QueryParam("confirm") String confirm, String body) {
        JsonObject json = body == null || body.isBlank() ? JSON.createObjectBuilder().build() : TenantJson.parse(body);
        UUID export = operations.offboard(operator(), slug, confirm != null ? confirm : json.getString("confirm", null));
        return JSON.createObjectBuilder()
                .add("slug", slug)
                .add("status", "OFFBOARDED")
                .add("export", uri.getBaseUriBuilder().path("exports").path(export.toString()).build().toString())
                .build().toString();
    }

    @GET
    @Path("{slug}/audit")
    public String audit(@PathParam("slug") String slug, @QueryParam("limit") @DefaultValue("100") int limit) {
        var entries = JSON.createArrayBuilder();
        operations.auditTrail(slug, Math.min(Math.max(limit, 1), 1000)).forEach(e -> entries.add(TenantJson.auditEntry(e)));
        return JSON.createObjectBuilder().add("entries", entries).build().toString();
    }

    private String operator() {
        return (String) request.getProperty(OperatorAuthentication.OPERATOR);
    }
}
