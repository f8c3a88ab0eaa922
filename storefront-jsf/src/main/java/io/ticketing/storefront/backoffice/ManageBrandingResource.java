package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.ShopBranding;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.tenant.LogoImage;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.shop.ShopPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The shop's look (organizer admins only; every change audited), through {@link ShopBranding} as the branding page:
 * {@code GET /api/manage/branding}; {@code PUT} with any of {@code {displayName, primaryColor, customCss}} (the CSS
 * comes back filtered, with {@code removedCss} saying what went); {@code PUT /api/manage/branding/logo} with the
 * image as the body (PNG, JPEG or WebP by its bytes, at most 512 KiB), {@code DELETE} to remove it;
 * {@code POST /api/manage/branding/hosts} with {@code {host}}, {@code DELETE /api/manage/branding/hosts/{host}}.
 */
@AdminOnly
@Path("manage/branding")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageBrandingResource {

    @Inject
    ShopBranding branding;

    @GET
    public String get(@Context HttpServletRequest request) {
        return json(request, branding.current(), null);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public String change(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        Tenant now = branding.current();
        String name = text(json, "displayName", now.displayName());
        String color = text(json, "primaryColor", now.branding().primaryColor());
        String css = text(json, "customCss", now.branding().customCss());
        ShopBranding.Changed changed = branding.change(SignedInUser.actorOf(request), name, color, css);
        return json(request, changed.tenant(), changed.removedCss());
    }

    @PUT
    @Path("logo")
    @Consumes(MediaType.WILDCARD)
    public String uploadLogo(@Context HttpServletRequest request, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(LogoImage.MAX_BYTES + 1);
        if (bytes.length > LogoImage.MAX_BYTES) {
            long more = body.transferTo(java.io.OutputStream.nullOutputStream());
            bytes = new byte[(int) Math.min(bytes.length + more, Integer.MAX_VALUE - 8)]; // only its length is judged
        }
        return json(request, branding.uploadLogo(SignedInUser.actorOf(request), bytes), null);
    }

    @DELETE
    @Path("logo")
    public String removeLogo(@Context HttpServletRequest request) {
        return json(request, branding.removeLogo(SignedInUser.actorOf(request)), null);
    }

    @POST
    @Path("hosts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addHost(@Context HttpServletRequest request, String body) {
        String host = text(JsonFields.parse(body), "host", null);
        return Response.status(201).entity(json(request, branding.addHost(SignedInUser.actorOf(request), host), null)).build();
    }

    @DELETE
    @Path("hosts/{host}")
    public String removeHost(@Context HttpServletRequest request, @PathParam("host") String host) {
        return json(request, branding.removeHost(SignedInUser.actorOf(request), host), null);
    }

    private static String text(JsonObject json, String field, String current) {
        if (!json.containsKey(field)) {
            return current;
        }
        if (json.isNull(field)) {
            return null;
        }
        if (json.get(field).getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidFieldException(field, field + " is text");
        }
        return json.getString(field);
    }

    private static String json(HttpServletRequest request, Tenant tenant, List<String> removedCss) {
        ShopBranding.Contrast contrast = ShopBranding.contrast(tenant.branding().primaryColor());
        var out = JSON.createObjectBuilder()
                .add("displayName", tenant.displayName())
                .add("primaryColor", tenant.branding().primaryColor())
                .add("contrast", JSON.createObjectBuilder().add("whiteText", round(contrast.onWhite()))
                        .add("blackText", round(contrast.onBlack())))
                .add("customCss", tenant.branding().customCss() == null ? JsonValue.NULL : JSON.createValue(tenant.branding().customCss()))
                .add("hosts", JSON.createArrayBuilder(tenant.hosts()));
        String logo = ShopPage.logoSrc(request, tenant.branding());
        out.add("logoUrl", logo == null ? JsonValue.NULL : JSON.createValue(logo));
        if (removedCss != null) {
            out.add("removedCss", JSON.createArrayBuilder(removedCss));
        }
        return out.build().toString();
    }

    private static double round(double ratio) {
        return Math.round(ratio * 100) / 100.0;
    }
}
