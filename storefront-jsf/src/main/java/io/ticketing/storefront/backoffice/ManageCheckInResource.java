package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.CheckIn;
import io.ticketing.platform.domain.checkin.CheckInLog;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.interfaces.rest.ProblemMapper;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.SignInFilter;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.security.StaffOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * Check-in at the door for the shop's staff. {@code POST /api/manage/checkin} with
 * {@code {"code": "<the scanned pass, or a ticket code typed by hand>", "eventId": 12, "device": "Gate A"}}
 * ({@code device} optional) answers 200 with {@code {admitted, reason, message, code, ticketType,
 * firstAdmittedAt, firstAdmittedBy, firstAdmittedDevice, otherEvent}}: {@code reason} is one of
 * {@code admitted, already_admitted, voided, other_event, unknown_ticket, forged, other_shop, unreadable}.
 * A body that is not such a request is a 400 naming the field; an event the shop does not have, 404.
 * {@code GET /api/manage/checkin/counts?eventId=12}: admitted and valid tickets per ticket type and in total.
 */
@StaffOnly
@Path("manage/checkin")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ManageCheckInResource {

    @Inject
    CheckIn checkIn;

    @POST
    @Consumes(MediaType.APPLICATION_JSON) // no HTML form can send JSON: a cross-site form cannot check tickets in with staff's cookie
    public String scan(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        if (!(json.get("code") instanceof JsonString code) || code.getString().isBlank()) {
            throw bad("code", "Send code: the text the scanner read from the ticket, or the ticket code typed by hand");
        }
        if (!(json.get("eventId") instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1) {
            throw bad("eventId", "Send eventId: the id of the event this door admits to, a whole number such as 12");
        }
        String device = null;
        if (json.containsKey("device") && json.get("device") != JsonValue.NULL) {
            if (!(json.get("device") instanceof JsonString name) || name.getString().length() > CheckIn.MAX_DEVICE) {
                throw bad("device", "device is the scanner's name, at most " + CheckIn.MAX_DEVICE + " characters");
            }
            device = name.getString();
        }
        CheckIn.Answer answer = checkIn.scan(number.longValue(), code.getString(), scanner(request, device));
        return answer(answer).build().toString();
    }

    @GET
    @Path("counts")
    public String counts(@QueryParam("eventId") String eventId) {
        long id;
        try {
            id = Long.parseLong(eventId == null ? "" : eventId.strip());
        } catch (NumberFormatException e) {
            throw bad("eventId", "Send eventId: the id of the event, a whole number such as 12");
        }
        CheckIn.Counts counts = checkIn.counts(id);
        var types = JSON.createArrayBuilder();
        for (CheckInLog.TypeCount type : counts.ticketTypes()) {
            types.add(JSON.createObjectBuilder().add("ticketTypeId", type.ticketTypeId()).add("name", type.name())
                    .add("admitted", type.admitted()).add("valid", type.valid()));
        }
        return JSON.createObjectBuilder().add("eventId", counts.eventId()).add("event", counts.eventTitle())
                .add("ticketTypes", types).add("admitted", counts.admitted()).add("valid", counts.valid()).build().toString();
    }

    /** The staff member behind the request (SignInFilter put them there), named by e-mail in the log. */
    static CheckIn.Scanner scanner(HttpServletRequest request, String device) {
        SignedInUser user = (SignedInUser) request.getAttribute(SignInFilter.API_CALLER);
        try {
            return new CheckIn.Scanner(user.email() == null ? user.subject() : user.email(), device);
        } catch (InvalidFieldException e) {
            throw bad(e.field(), e.getMessage());
        }
    }

    static JsonObjectBuilder answer(CheckIn.Answer a) {
        JsonObjectBuilder out = JSON.createObjectBuilder()
                .add("admitted", a.admitted())
                .add("reason", a.outcome().name().toLowerCase(Locale.ROOT))
                .add("message", message(a));
        text(out, "code", a.code());
        text(out, "ticketType", a.ticketType());
        text(out, "firstAdmittedAt", a.firstAdmittedAt() == null ? null : a.firstAdmittedAt().toString());
        text(out, "firstAdmittedBy", a.firstAdmittedBy());
        text(out, "firstAdmittedDevice", a.firstAdmittedDevice());
        if (a.otherEventId() != null) {
            out.add("otherEvent", JSON.createObjectBuilder().add("id", a.otherEventId()).add("title", a.otherEventTitle()));
        } else {
            out.add("otherEvent", JsonValue.NULL);
        }
        return out;
    }

    /** The answer in a sentence (English: the API's language; the page says it in the reader's). */
    static String message(CheckIn.Answer a) {
        return switch (a.outcome()) {
            case ADMITTED -> "Admitted: " + a.ticketType();
            case ALREADY_ADMITTED -> "Refused: this ticket was already admitted at " + a.firstAdmittedAt() + " by " + a.firstAdmittedBy()
                    + (a.firstAdmittedDevice() == null ? "" : " (" + a.firstAdmittedDevice() + ")");
            case VOIDED -> "Refused: this ticket was refunded and is void";
            case OTHER_EVENT -> "Refused: this ticket is for another event, '" + a.otherEventTitle() + "'";
            case UNKNOWN_TICKET -> "Refused: this shop has no ticket with this code";
            case FORGED -> "Refused: the pass is forged or was altered (its signature does not hold)";
            case OTHER_SHOP -> "Refused: the pass is another shop's";
            case UNREADABLE -> "Refused: this is neither a ticket pass nor a ticket code";
        };
    }

    private static void text(JsonObjectBuilder out, String key, String value) {
        if (value == null) {
            out.add(key, JsonValue.NULL);
        } else {
            out.add(key, value);
        }
    }

    private static WebApplicationException bad(String field, String message) {
        return new WebApplicationException(message, ProblemMapper.of(400, "invalid_field", field, message));
    }
}
