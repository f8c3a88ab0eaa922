package io.ticketing.storefront.backoffice;

import static io.ticketing.platform.json.JsonFields.JSON;

import io.ticketing.platform.application.EventSeries;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import io.ticketing.platform.json.JsonFields;
import io.ticketing.storefront.security.SignedInUser;
import io.ticketing.storefront.security.StaffOnly;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recurring events in the organizer API, on {@link EventSeries} as the series page is: make a series from an event,
 * read it with its dates, change every date still ahead.
 */
@StaffOnly
@Path("manage/series")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ManageSeriesResource {

    @Inject
    EventSeries series;

    /** {@code {eventId, weekdays: ["FRIDAY"], weeks: 8}} or {@code {eventId, dates: ["2027-01-08", ...]}} */
    @POST
    public Response create(@Context HttpServletRequest request, String body) {
        JsonObject json = JsonFields.parse(body);
        long eventId = JsonFields.requiredLong(json, "eventId");
        List<LocalDate> dates = new ArrayList<>();
        for (String text : strings(json, "dates")) {
            try {
                dates.add(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("dates", "'" + text + "' is not a date such as 2027-01-08");
            }
        }
        EventSeries.Created created = series.create(SignedInUser.actorOf(request), eventId,
                EventSeries.weekdays(strings(json, "weekdays")), JsonFields.integer(json, "weeks"), dates);
        return Response.created(URI.create("series/" + created.seriesId()))
                .entity(series(series.series(created.seriesId())).build().toString()).build();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") long id) {
        return series(series.series(id)).build().toString();
    }

    /** {@code {title?, description?, category?, holdMinutes?, prices?: {"Standing": {amount, currency}}}}: every date ahead. */
    @PUT
    @Path("{id}")
    public String edit(@Context HttpServletRequest request, @PathParam("id") long id, String body) {
        JsonObject json = JsonFields.parse(body);
        Map<String, Money> prices = new LinkedHashMap<>();
        if (json.get("prices") instanceof JsonObject given) {
            for (String name : given.keySet()) {
                prices.put(name, JsonFields.money(given, name));
            }
        }
        EventSeries.Edited edited = series.edit(SignedInUser.actorOf(request), id, new EventSeries.Edit(
                JsonFields.text(json, "title"), JsonFields.text(json, "description", 20_000), JsonFields.text(json, "category"),
                JsonFields.integer(json, "holdMinutes"), prices));
        return series(edited.series()).add("datesChanged", edited.datesChanged()).build().toString();
    }

    private static List<String> strings(JsonObject json, String key) {
        JsonValue value = json.get(key);
        List<String> out = new ArrayList<>();
        if (value == null || value == JsonValue.NULL) {
            return out;
        }
        if (!(value instanceof JsonArray array) || array.size() > 400) {
            throw new InvalidFieldException(key, key + " is a list of at most 400 texts");
        }
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new InvalidFieldException(key, key + " is a list of texts");
            }
            out.add(s.getString());
        }
        return out;
    }

    static JsonObjectBuilder series(EventSeries.Series s) {
        var dates = JSON.createArrayBuilder();
        s.dates().forEach(d -> dates.add(JSON.createObjectBuilder().add("eventId", d.eventId())
                .add("startsAt", d.startsAt().toOffsetDateTime().toString()).add("localStart", d.startsAt().toLocalDateTime().toString())
                .add("timeZone", d.startsAt().getZone().getId()).add("status", d.status().name()).add("sold", d.sold())
                .add("capacity", d.capacity()).add("ahead", d.ahead())));
        return JSON.createObjectBuilder().add("id", s.id()).add("title", s.title()).add("pattern", s.pattern()).add("dates", dates);
    }
}
