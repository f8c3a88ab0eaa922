package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The organizer's catalog API on a real Payara Micro with the tenant's real realm: staff build an
 * event, put it on sale and buyers see it; bad input, wrong roles, illegal moves and other shops'
 * staff get the answers they should.
 */
@ExtendWith(ArquillianExtension.class)
class CatalogApiIT {

    @ArquillianResource
    URL base;

    private RealmFixtures fixtures;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeEach
    void start() {
        fixtures = new RealmFixtures();
    }

    @AfterEach
    void stop() {
        fixtures.close();
    }

    @Test
    void adminsBuildAnEventPutItOnSaleAndBuyersSeeIt() throws Exception {
        var shop = fixtures.tenant("cat", base.toString());
        fixtures.user(shop, "staff@cat.test", "staff-pass-1", "organizer-admin");
        String staff = fixtures.token(shop, "staff@cat.test", "staff-pass-1");
        fixtures.user(shop, "crew@cat.test", "crew-pass-1", "organizer-staff");
        String crew = fixtures.token(shop, "crew@cat.test", "crew-pass-1");
        String api = base + "t/" + shop.tenant().slug() + "/api/";
        // organizer staff look at and change venues, events and ticket types (the back office events area, issue 15)
        assertThat(send("GET", api + "manage/events", crew, null).statusCode()).isEqualTo(200);
        HttpResponse<String> crewVenue = send("POST", api + "manage/venues", crew,
                "{\"name\":\"Crew Hall\",\"city\":\"Cologne\",\"country\":\"DE\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(crewVenue.statusCode()).as(crewVenue.body()).isEqualTo(201);
        String startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).truncatedTo(ChronoUnit.MINUTES).toString();

        HttpResponse<String> venue = send("POST", api + "manage/venues", staff,
                "{\"name\":\"Blue Note Hall\",\"city\":\"Cologne\",\"country\":\"DE\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(venue.statusCode()).as(venue.body()).isEqualTo(201);
        long venueId = id(venue.body());

        HttpResponse<String> event = send("POST", api + "manage/events", staff, "{\"venueId\":" + venueId
                + ",\"title\":\"Trio Night\",\"category\":\"Jazz\",\"startsAt\":\"" + startsAt + "\",\"holdMinutes\":10}");
        assertThat(event.statusCode()).as(event.body()).isEqualTo(201);
        assertThat(event.body()).contains("\"status\":\"DRAFT\"").contains("\"holdMinutes\":10");
        long eventId = id(event.body());

        // A draft is not for sale, and cannot go on sale without tickets.
        assertThat(send("GET", api + "events", null, null).body()).doesNotContain("Trio Night");
        assertThat(send("PUT", api + "manage/events/" + eventId + "/status", staff, "{\"status\":\"ON_SALE\"}").statusCode())
                .isEqualTo(409);

        HttpResponse<String> type = send("POST", api + "manage/events/" + eventId + "/ticket-types", staff,
                "{\"name\":\"Standing\",\"price\":{\"amount\":\"24.50\",\"currency\":\"EUR\"},\"capacity\":300,"
                        + "\"maxPerOrder\":4,\"maxPerBuyer\":6}");
        assertThat(type.statusCode()).as(type.body()).isEqualTo(201);
        assertThat(type.body()).contains("\"amount\":\"24.50\"").contains("\"maxPerOrder\":4").contains("\"maxPerBuyer\":6");

        HttpResponse<String> onSale = send("PUT", api + "manage/events/" + eventId + "/status", staff, "{\"status\":\"ON_SALE\"}");
        assertThat(onSale.statusCode()).isEqualTo(200);
        assertThat(send("GET", api + "events?category=jazz", null, null).body()).contains("Trio Night")
                .contains("\"priceFrom\":{\"amount\":\"24.50\",\"currency\":\"EUR\"}");

        // Cancelled is final.
        assertThat(send("PUT", api + "manage/events/" + eventId + "/status", staff, "{\"status\":\"CANCELLED\"}").statusCode())
                .isEqualTo(200);
        assertThat(send("GET", api + "events", null, null).body()).doesNotContain("Trio Night");
        HttpResponse<String> back = send("PUT", api + "manage/events/" + eventId + "/status", staff, "{\"status\":\"ON_SALE\"}");
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(back.body()).contains("CANCELLED");
    }

    @Test
    void badInputNamesItsFieldAndChangesNothing() throws Exception {
        var shop = fixtures.tenant("catbad", base.toString());
        fixtures.user(shop, "staff@catbad.test", "staff-pass-1", "organizer-admin");
        String staff = fixtures.token(shop, "staff@catbad.test", "staff-pass-1");
        String api = base + "t/" + shop.tenant().slug() + "/api/manage/";
        long venueId = id(send("POST", api + "venues", staff,
                "{\"name\":\"Hall\",\"city\":\"Town\",\"timeZone\":\"UTC\"}").body());
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).toString();
        long eventId = id(send("POST", api + "events", staff,
                "{\"venueId\":" + venueId + ",\"title\":\"Show\",\"startsAt\":\"" + future + "\"}").body());

        assertField(send("POST", api + "venues", staff, "{\"name\":\"X\",\"city\":\"Y\",\"timeZone\":\"Mars/Base\"}"), "timeZone");
        assertField(send("POST", api + "venues", staff, "{\"city\":\"Y\",\"timeZone\":\"UTC\"}"), "name");
        assertField(send("POST", api + "events", staff, "{\"venueId\":999999,\"title\":\"T\",\"startsAt\":\"" + future + "\"}"), "venueId");
        assertField(send("POST", api + "events", staff, "{\"venueId\":" + venueId + ",\"title\":\"T\",\"startsAt\":\"2020-01-01T20:00:00Z\"}"), "startsAt");
        assertField(send("POST", api + "events", staff, "{\"venueId\":" + venueId + ",\"title\":\"T\",\"startsAt\":\"tomorrow\"}"), "startsAt");
        String types = api + "events/" + eventId + "/ticket-types";
        assertField(send("POST", types, staff, "{\"name\":\"A\",\"price\":{\"amount\":\"-1\",\"currency\":\"EUR\"},\"capacity\":1}"), "price");
        assertField(send("POST", types, staff, "{\"name\":\"A\",\"price\":{\"amount\":\"1.999\",\"currency\":\"EUR\"},\"capacity\":1}"), "price");
        assertField(send("POST", types, staff, "{\"name\":\"A\",\"price\":{\"amount\":\"1\",\"currency\":\"XYZ1\"},\"capacity\":1}"), "price");
        assertField(send("POST", types, staff, "{\"name\":\"A\",\"price\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"capacity\":-5}"), "capacity");
        assertField(send("POST", types, staff, "{\"name\":\"A\",\"price\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"capacity\":5,"
                + "\"maxPerOrder\":4,\"maxPerBuyer\":2}"), "maxPerBuyer");
        assertField(send("PUT", api + "events/" + eventId + "/status", staff, "{\"status\":\"SOLD_OUT\"}"), "status");
        assertThat(send("POST", api + "venues", staff, "{oops").statusCode()).isEqualTo(400);
        assertThat(send("GET", api + "events/999999", staff, null).statusCode()).isEqualTo(404);

        assertThat(send("GET", api + "events/" + eventId, staff, null).body()).contains("\"ticketTypes\":[]");
        assertThat(send("GET", api + "venues", staff, null).body()).contains("\"name\":\"Hall\"").doesNotContain("\"X\"");
    }

    @Test
    void couponsAreCheckedUniqueAndScopedToThisShop() throws Exception {
        var shop = fixtures.tenant("coupon", base.toString());
        fixtures.user(shop, "staff@coupon.test", "staff-pass-1", "organizer-admin");
        String staff = fixtures.token(shop, "staff@coupon.test", "staff-pass-1");
        String api = base + "t/" + shop.tenant().slug() + "/api/manage/";
        long venueId = id(send("POST", api + "venues", staff, "{\"name\":\"Hall\",\"city\":\"Town\",\"timeZone\":\"UTC\"}").body());
        long eventId = id(send("POST", api + "events", staff, "{\"venueId\":" + venueId + ",\"title\":\"Show\",\"startsAt\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).plusDays(5) + "\"}").body());

        HttpResponse<String> percent = send("POST", api + "coupons", staff,
                "{\"code\":\"early-bird\",\"percentOff\":15,\"usageLimit\":100,\"eventIds\":[" + eventId + "]}");
        assertThat(percent.statusCode()).as(percent.body()).isEqualTo(201);
        assertThat(percent.body()).contains("\"code\":\"EARLY-BIRD\"").contains("\"percentOff\":15")
                .contains("\"eventIds\":[" + eventId + "]").contains("\"timesUsed\":0");
        HttpResponse<String> fixed = send("POST", api + "coupons", staff,
                "{\"code\":\"FIVE-OFF\",\"amountOff\":{\"amount\":\"5.00\",\"currency\":\"EUR\"}}");
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(201);

        assertThat(send("POST", api + "coupons", staff, "{\"code\":\"Early-Bird\",\"percentOff\":10}").statusCode()).isEqualTo(409);
        assertField(send("POST", api + "coupons", staff, "{\"code\":\"X\",\"percentOff\":10}"), "code");
        assertField(send("POST", api + "coupons", staff, "{\"code\":\"BOTH\",\"percentOff\":10,"
                + "\"amountOff\":{\"amount\":\"1\",\"currency\":\"EUR\"}}"), "percentOff");
        assertField(send("POST", api + "coupons", staff, "{\"code\":\"TOO-MUCH\",\"percentOff\":120}"), "percentOff");
        assertField(send("POST", api + "coupons", staff, "{\"code\":\"NO-USE\",\"percentOff\":10,\"usageLimit\":0}"), "usageLimit");
        assertField(send("POST", api + "coupons", staff, "{\"code\":\"ELSEWHERE\",\"percentOff\":10,\"eventIds\":[424242]}"), "eventIds");
        assertField(send("POST", api + "coupons", staff, "{\"code\":\"BACKWARDS\",\"percentOff\":10,"
                + "\"validFrom\":\"2027-02-01T00:00:00Z\",\"validUntil\":\"2027-01-01T00:00:00Z\"}"), "validUntil");

        HttpResponse<String> list = send("GET", api + "coupons", staff, null);
        assertThat(list.body()).contains("EARLY-BIRD").contains("FIVE-OFF").doesNotContain("TOO-MUCH").doesNotContain("ELSEWHERE");
    }

    @Test
    void onlyThisShopsStaffMayUseIt() throws Exception {
        var shop = fixtures.tenant("catauth", base.toString());
        var other = fixtures.tenant("catother", base.toString());
        fixtures.user(shop, "buyer@catauth.test", "buyer-pass-1");
        fixtures.user(other, "staff@catother.test", "staff-pass-1", "organizer-admin");
        String api = base + "t/" + shop.tenant().slug() + "/api/manage/venues";
        String venue = "{\"name\":\"Hall\",\"city\":\"Town\",\"timeZone\":\"UTC\"}";

        assertThat(send("POST", api, null, venue).statusCode()).isEqualTo(401);
        assertThat(send("POST", api, fixtures.token(shop, "buyer@catauth.test", "buyer-pass-1"), venue).statusCode()).isEqualTo(403);
        assertThat(send("POST", api, fixtures.token(other, "staff@catother.test", "staff-pass-1"), venue).statusCode()).isEqualTo(401);
        assertThat(send("GET", base + "t/" + other.tenant().slug() + "/api/manage/venues",
                fixtures.token(other, "staff@catother.test", "staff-pass-1"), null).body()).isEqualTo("{\"venues\":[]}");
    }

    private void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"").doesNotContain("Exception");
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long id(String json) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("No id in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
