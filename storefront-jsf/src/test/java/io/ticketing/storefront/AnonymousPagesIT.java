package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.application.TenantProvisioning;
import io.ticketing.platform.domain.tenant.Branding;
import io.ticketing.platform.domain.tenant.NewTenant;
import io.ticketing.platform.domain.tenant.Tenant;
import io.ticketing.platform.domain.tenant.TenantSlug;
import io.ticketing.platform.infrastructure.persistence.platform.TenantRegistry;
import io.ticketing.platform.infrastructure.persistence.platform.TenantSchemas;
import io.ticketing.platform.testsupport.CatalogFixtures;
import io.ticketing.platform.testsupport.SharedPostgres;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listing and event pages as anonymous visitors see them (AnonymousPageCache): rendered once a second and served
 * as bytes in between, without a session; never shared across shops, languages or with anyone who has a session;
 * "N left" no older than the stated second; the stateless ticket form still takes a hold.
 */
@ExtendWith(ArquillianExtension.class)
class AnonymousPagesIT {

    private static final String EVENT = "Cached Quartet";
    private static final String OTHER_EVENT = "Other Shop Recital";

    @ArquillianResource
    URL base;

    private static String slug;
    private static String otherSlug;
    private static long event;
    private static long type;
    private static Tenant tenant;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeAll
    static void shops() throws Exception {
        DataSource db = SharedPostgres.dataSource();
        TenantProvisioning provisioning = new TenantProvisioning(new TenantRegistry(db), new TenantSchemas(db));
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        slug = "cached-" + suffix;
        tenant = provisioning.provision(new NewTenant(new TenantSlug(slug), "Cached Concerts", List.of(), Branding.defaults()));
        CatalogFixtures catalog = new CatalogFixtures(db, tenant);
        long venue = catalog.venue("Small Hall", "Basel", "CH", ZoneId.of("Europe/Zurich"));
        event = catalog.eventOnSale(venue, EVENT, "Classical", OffsetDateTime.now(ZoneOffset.UTC).plusDays(6), "CHF", "Seat", 5000);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + tenant.schemaName() + ".ticket_type SET capacity = 5 WHERE event_id = " + event);
            s.execute("UPDATE " + tenant.schemaName() + ".checkout_settings SET guest_checkout = true");
            var rows = s.executeQuery("SELECT id FROM " + tenant.schemaName() + ".ticket_type WHERE event_id = " + event);
            rows.next();
            type = rows.getLong(1);
        }
        otherSlug = "uncached-" + suffix;
        Tenant other = provisioning.provision(new NewTenant(new TenantSlug(otherSlug), "Other Concerts", List.of(), Branding.defaults()));
        CatalogFixtures otherCatalog = new CatalogFixtures(db, other);
        otherCatalog.eventOnSale(otherCatalog.venue("Big Hall", "Bern", "CH", ZoneId.of("Europe/Zurich")), OTHER_EVENT, "Classical",
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(6), "CHF", "Seat", 5000);
    }

    @Test
    void anonymousViewsAreServedFromACopyWithoutASessionAndTheSameBytes() throws Exception {
        for (String page : List.of("t/" + slug + "/", "t/" + slug + "/events/" + event)) {
            List<HttpResponse<String>> views = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                views.add(get(page, null, null));
            }
            for (HttpResponse<String> view : views) {
                assertThat(view.statusCode()).isEqualTo(200);
                assertThat(view.headers().allValues("Set-Cookie")).as("no session for a look").isEmpty();
                assertThat(view.body()).contains(EVENT).doesNotContain(OTHER_EVENT);
            }
            assertThat(views).as(page + ": served from the copy at least once in five quick views")
                    .anyMatch(v -> v.headers().firstValue("X-Page-Cache").orElse("").equals("hit"));
            assertThat(views.stream().filter(v -> v.headers().firstValue("X-Page-Cache").orElse("").equals("hit")))
                    .allSatisfy(hit -> assertThat(hit.body()).isEqualTo(views.get(0).body()));
            // A browser that has the page asks again with its validator and gets 304 without the bytes.
            String etag = views.get(views.size() - 1).headers().firstValue("ETag").orElseThrow();
            assertThat(views.get(views.size() - 1).headers().firstValue("Cache-Control")).contains("no-cache");
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + page)).header("Accept", "text/html")
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        assertThat(get("t/" + slug + "/events/" + event, null, null).body()).as("the ticket form keeps no state in a session")
                .contains("value=\"stateless\"");
    }

    @Test
    void aCopyIsNeverSharedAcrossShopsLanguagesOrWithSomeoneWhoHasASession() throws Exception {
        get("t/" + slug + "/", null, null);
        HttpResponse<String> other = get("t/" + otherSlug + "/", null, null);
        assertThat(other.body()).contains(OTHER_EVENT).doesNotContain(EVENT);

        get("t/" + slug + "/events/" + event, "de", null);
        assertThat(get("t/" + slug + "/events/" + event, "de", null).body()).contains("Tickets reservieren");
        assertThat(get("t/" + slug + "/events/" + event, "zh-CN", null).body()).contains("预留门票").doesNotContain("Tickets reservieren");
        assertThat(get("t/" + slug + "/events/" + event, "en", null).body()).contains("Reserve tickets");

        HttpResponse<String> withSession = get("t/" + slug + "/", null, "JSESSIONID=made-up");
        assertThat(withSession.headers().firstValue("X-Page-Cache")).as("a visitor with a session is rendered for").isEmpty();
        HttpResponse<String> withFlash = get("t/" + slug + "/", null, "csfcfc=1");
        assertThat(withFlash.headers().firstValue("X-Page-Cache")).as("nor any other cookie").isEmpty();
    }

    @Test
    void whatIsLeftIsNoOlderThanTheStatedSecondAndTheStatelessFormStillHolds() throws Exception {
        String page = "t/" + slug + "/events/" + event;
        assertThat(get(page, null, null).body()).contains("5 left");
        HttpResponse<String> hold = http.send(HttpRequest.newBuilder(URI.create(base + "t/" + slug + "/api/holds"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ticketTypeId\": " + type + ", \"quantity\": 2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hold.statusCode()).as(hold.body()).isEqualTo(201);
        Thread.sleep(1_100);
        assertThat(get(page, null, null).body()).contains("3 left").doesNotContain("5 left");
        assertThat(json("t/" + slug + "/api/events/" + event, null).body()).contains("\"available\":3");

        // The form of a copy posts like any other: one ticket reserved, then the cart (with the session it starts).
        HttpResponse<String> form = get(page, null, null);
        String action = between(form.body(), "<form id=\"tickets\"", ">");
        String url = between(action, "action=\"", "\"").replace("&amp;", "&");
        String body = "tickets=tickets&jakarta.faces.ViewState=stateless&tickets%3Areserve=x&"
                + java.net.URLEncoder.encode(between(form.body(), "<select id=\"", "\""), java.nio.charset.StandardCharsets.UTF_8) + "=1";
        HttpResponse<String> reserved = http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(url))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base.getProtocol() + "://" + base.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reserved.statusCode()).as(reserved.body()).isIn(302, 303);
        assertThat(reserved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/cart"));
        assertThat(reserved.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID="));
        Thread.sleep(1_100);
        assertThat(get(page, null, null).body()).contains("2 left");
    }

    @Test
    void anonymousReadsOfAnEventsJsonAreServedFromACopyOfThatShopsEvent() throws Exception {
        String api = "t/" + slug + "/api/events/" + event;
        List<HttpResponse<String>> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reads.add(json(api, null));
        }
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.body()).contains(EVENT).doesNotContain(OTHER_EVENT);
        });
        assertThat(reads).as("served from the copy at least once in five quick reads")
                .anyMatch(r -> r.headers().firstValue("X-Page-Cache").orElse("").equals("hit"));
        // Event ids count per shop, so the other shop has its own event under the same id (or none): never this one.
        HttpResponse<String> other = json("t/" + otherSlug + "/api/events/" + event, null);
        assertThat(other.body()).as("the same address in another shop").doesNotContain(EVENT);
        assertThat(other.statusCode() == 404 || other.body().contains(OTHER_EVENT)).as(other.body()).isTrue();
        assertThat(reads.stream().filter(r -> r.headers().firstValue("X-Page-Cache").orElse("").equals("hit")))
                .allSatisfy(hit -> assertThat(hit.body()).isEqualTo(reads.get(0).body()));
    }

    private HttpResponse<String> json(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'" + start + "' in the page").isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private HttpResponse<String> get(String path, String language, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
