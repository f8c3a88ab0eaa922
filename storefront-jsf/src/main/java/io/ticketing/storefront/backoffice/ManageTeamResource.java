package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.TeamAdministration;
import io.ticketing.platform.application.TeamDirectory;
import io.ticketing.platform.interfaces.web.OidcBrowserFlow;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

/**
 * The shop's team (organizer admins only), through {@link TeamAdministration} as the team page:
 * {@code GET /api/manage/team} lists who holds a back-office role; {@code POST} with {@code {email, role, firstName?,
 * lastName?}} invites a person (the shop's sign-in service mails them a link to set their password);
 * {@code PUT /api/manage/team/{id}} with {@code {role}} changes a member's role; {@code DELETE /api/manage/team/{id}}
 * takes them out of the team (their account stays).
 */
@AdminOnly
@Path("manage/team")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageTeamResource {

    @Inject
    TeamAdministration team;

    @GET
    public String list() {
        var out = JSON.createArrayBuilder();
        team.members().forEach(p -> out.add(json(p)));
        return JSON.createObjectBuilder().add("roles", JSON.createArrayBuilder(TeamAdministration.ROLES)).add("members", out)
                .build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        TeamDirectory.Person invited = team.invite(SignedInUser.actorOf(request), json.getString("email", null),
                json.getString("firstName", null), json.getString("lastName", null), json.getString("role", null),
                returnTo(request));
        return Response.status(201).entity(json(invited).build().toString()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String changeRole(@Context HttpServletRequest request, @PathParam("id") String id, String body) {
        JsonObject json = JsonFields.parse(body);
        return json(team.changeRole(SignedInUser.actorOf(request), id, json.getString("role", null))).build().toString();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@Context HttpServletRequest request, @PathParam("id") String id) {
        team.remove(SignedInUser.actorOf(request), id);
        return Response.noContent().build();
    }

    /** Where the invitation's link leads once the password is set: this shop's back office, as this request reached it. */
    static String returnTo(HttpServletRequest request) {
        return OidcBrowserFlow.absolute(request, SignInFilter.shopUrl(request, "/manage/index.xhtml"));
    }

    private static JsonObjectBuilder json(TeamDirectory.Person p) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("id", p.id()).add("email", String.valueOf(p.email()))
                .add("roles", JSON.createArrayBuilder(p.roles())).add("status", TeamPage.status(p));
        if (p.firstName() != null) {
            o.add("firstName", p.firstName());
        }
        if (p.lastName() != null) {
            o.add("lastName", p.lastName());
        }
        return o;
    }
}
