package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.CatalogNotFoundException;
import io.ticketing.platform.application.MessageTemplates;
import io.ticketing.platform.application.Notifications;
import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationRepository;
import io.ticketing.platform.domain.notification.NotificationSettings;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.AdminOnly;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.security.StaffOnly;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * The shop's messages for staff: {@code GET /api/manage/notifications?status=PARKED} (or PENDING, SENT) with
 * the backlog, {@code POST .../{id}/retry} for a parked one. Organizer admins also set the sender
 * ({@code GET/PUT .../settings}: senderName, replyTo, staffAlerts) and the wording per message and language
 * ({@code GET/PUT/DELETE .../templates/{kind}/{language}}, {@code POST .../preview} renders with sample data).
 */
@StaffOnly
@Path("manage/notifications")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageNotificationsResource {

    @Inject
    Notifications notifications;

    @GET
    public String list(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        NotificationRepository.Backlog backlog = notifications.backlog();
        var items = JSON.createArrayBuilder();
        notifications.list(status, limit == null ? 100 : limit).forEach(d -> items.add(json(d)));
        return JSON.createObjectBuilder()
                .add("backlog", JSON.createObjectBuilder().add("pending", backlog.pending())
                        .add("oldestPendingSeconds", backlog.oldestPendingSeconds()).add("parked", backlog.parked()))
                .add("deliveries", items).build().toString();
    }

    @POST
    @Path("{id}/retry")
    public String retry(@Context HttpServletRequest request, @PathParam("id") long id) {
        if (!notifications.retry(SignedInUser.actorOf(request), id)) {
            throw new CatalogNotFoundException("No parked message " + id + " in this shop");
        }
        return JSON.createObjectBuilder().add("id", id).add("status", "PENDING").build().toString();
    }

    @GET
    @AdminOnly
    @Path("settings")
    public String settings() {
        return json(notifications.sender());
    }

    @PUT
    @AdminOnly
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public String changeSettings(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        return json(notifications.changeSender(SignedInUser.actorOf(request), new NotificationSettings.Sender(
                JsonFields.text(json, "senderName"), JsonFields.text(json, "replyTo"), JsonFields.text(json, "staffAlerts"))));
    }

    @GET
    @AdminOnly
    @Path("templates/{kind}/{language}")
    public String template(@PathParam("kind") String kind, @PathParam("language") String language) {
        Notifications.TemplateView t = notifications.template(kind(kind), language);
        return JSON.createObjectBuilder().add("kind", t.kind().key()).add("language", t.language()).add("subject", t.subject())
                .add("body", t.body()).add("custom", t.custom()).build().toString();
    }

    @PUT
    @AdminOnly
    @Path("templates/{kind}/{language}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String saveTemplate(@Context HttpServletRequest request, @PathParam("kind") String kind,
                               @PathParam("language") String language, String body) {
        JsonObject json = JsonFields.parse(body);
        notifications.saveTemplate(SignedInUser.actorOf(request), kind(kind), language,
                JsonFields.text(json, "subject"), JsonFields.text(json, "body"));
        return template(kind, language);
    }

    @DELETE
    @AdminOnly
    @Path("templates/{kind}/{language}")
    public String resetTemplate(@Context HttpServletRequest request, @PathParam("kind") String kind,
                                @PathParam("language") String language) {
        notifications.resetTemplate(SignedInUser.actorOf(request), kind(kind), language);
        return template(kind, language);
    }

    @POST
    @AdminOnly
    @Path("templates/{kind}/{language}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public String preview(@PathParam("kind") String kind, @PathParam("language") String language, String body) {
        JsonObject json = JsonFields.parse(body);
        MessageTemplates.Rendered r = notifications.preview(kind(kind), language, JsonFields.text(json, "subject"),
                JsonFields.text(json, "body"));
        return JSON.createObjectBuilder().add("subject", r.subject()).add("text", r.text()).add("html", r.html()).build().toString();
    }

    private static NotificationKind kind(String key) {
        return NotificationKind.ofKey(key).orElseThrow(() -> new CatalogNotFoundException(
                "No message '" + key + "'; there are " + java.util.Arrays.stream(NotificationKind.values()).map(NotificationKind::key).toList()));
    }

    private static String json(NotificationSettings.Sender s) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        add(b, "senderName", s.senderName());
        add(b, "replyTo", s.replyTo());
        add(b, "staffAlerts", s.staffAlerts());
        return b.build().toString();
    }

    static JsonObjectBuilder json(NotificationRepository.DeliveryView d) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("id", d.id()).add("kind", d.kind().key()).add("channel", d.channel())
                .add("status", d.status()).add("attempts", d.attempts());
        add(b, "orderId", d.orderId() == null ? null : d.orderId().toString());
        add(b, "lastError", d.lastError());
        add(b, "createdAt", at(d.createdAt()));
        add(b, "nextAttemptAt", "PENDING".equals(d.status()) ? at(d.nextAttemptAt()) : null);
        add(b, "sentAt", at(d.sentAt()));
        add(b, "parkedAt", at(d.parkedAt()));
        return b;
    }

    private static String at(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void add(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }
}
