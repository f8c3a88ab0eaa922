package io.ticketing.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.testsupport.RawHttp;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded fuzz of every public and staff endpoint of the shop on a real Payara Micro with the
 * tenant's real realm: hostile bodies, ids, encodings, methods and content types. Whatever comes
 * in, the answer is never a 5xx and never shows a stack trace or an exception's class name. Fixed
 * seed and a fixed number of cases, so a failure replays exactly.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    private static final long SEED = 11L;
    private static final int RANDOM_CASES = 700;
    /** What a stack trace or a leaked exception looks like in a response body. */
    private static final Pattern LEAK = Pattern.compile(
            "(?i)exception|\\bat (java|jakarta|org|io|com|sun)\\.|\\.java:\\d+|java\\.lang\\.|org\\.(glassfish|eclipse|postgresql|jboss)"
                    + "|sqlstate|psql|stack ?trace|caused by");

    @ArquillianResource
    URL base;

    private static RealmFixtures fixtures;
    private static RawHttp http;
    private static String shop;
    private static String staff;
    private static String buyer;
    private static String guestToken;
    private static final Map<String, String> ids = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive storefront() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.storefront.war")));
    }

    @BeforeAll
    static void open() {
        fixtures = new RealmFixtures();
    }

    @AfterAll
    static void close() {
        fixtures.close();
    }

    /** A shop with a venue, an event on sale, a coupon, a hold and an order, made through the API like a real one. */
    private void prepare() throws Exception {
        if (shop != null) {
            return;
        }
        http = new RawHttp(base.getHost(), base.getPort());
        var realm = fixtures.tenant("fuzz", base.toString());
        shop = "/t/" + realm.tenant().slug() + "/api/";
        fixtures.user(realm, "admin@fuzz.test", "staff-pass-1", "organizer-admin");
        fixtures.user(realm, "buyer@fuzz.test", "buyer-pass-1");
        staff = fixtures.token(realm, "admin@fuzz.test", "staff-pass-1");
        buyer = fixtures.token(realm, "buyer@fuzz.test", "buyer-pass-1");
        ids.put("venue", id(ok(call("POST", "manage/venues", staff, "{\"name\":\"Hall\",\"city\":\"Town\",\"timeZone\":\"UTC\"}"))));
        ids.put("event", id(ok(call("POST", "manage/events", staff, "{\"venueId\":" + ids.get("venue")
                + ",\"title\":\"Fuzz Night\",\"category\":\"Jazz\",\"startsAt\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).plusDays(9) + "\"}"))));
        ids.put("type", id(ok(call("POST", "manage/events/" + ids.get("event") + "/ticket-types", staff,
                "{\"name\":\"Seat\",\"price\":{\"amount\":\"10.00\",\"currency\":\"EUR\"},\"capacity\":400,\"maxPerOrder\":4}"))));
        ok(call("PUT", "manage/events/" + ids.get("event") + "/status", staff, "{\"status\":\"ON_SALE\"}"));
        ok(call("POST", "manage/coupons", staff, "{\"code\":\"FUZZ10\",\"percentOff\":10}"));
        ok(call("PUT", "manage/checkout", staff, "{\"guestCheckout\":true}"));
        RawHttp.Reply hold = ok(call("POST", "holds", buyer, "{\"ticketTypeId\":" + ids.get("type") + ",\"quantity\":1}"));
        ids.put("hold", field(hold.body(), "holdId"));
        RawHttp.Reply order = ok(send("POST", shop + "orders", Map.of("Authorization", "Bearer " + buyer,
                "Content-Type", "application/json", "Idempotency-Key", "fuzz-order-0001"),
                ("{\"holdIds\":[\"" + ids.get("hold") + "\"]}").getBytes(StandardCharsets.UTF_8)));
        ids.put("order", field(order.body(), "orderId"));
        RawHttp.Reply guest = ok(send("POST", shop + "holds", Map.of("Content-Type", "application/json"),
                ("{\"ticketTypeId\":" + ids.get("type") + ",\"quantity\":1}").getBytes(StandardCharsets.UTF_8)));
        guestToken = guest.header("Guest-Token");
        ids.put("guestHold", field(guest.body(), "holdId"));
    }

    /** Who calls: nobody, a buyer, a guest, organizer staff. */
    private enum Caller { NOBODY, BUYER, GUEST, STAFF }

    private record Endpoint(String method, String path, Caller caller) {
    }

    /** Every endpoint of the shop's and back office's APIs ({id} stands for an id), from their JAX-RS resources. */
    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "events", Caller.NOBODY),
                new Endpoint("GET", "events/{event}", Caller.NOBODY),
                new Endpoint("GET", "me", Caller.BUYER),
                new Endpoint("POST", "holds", Caller.BUYER),
                new Endpoint("POST", "holds", Caller.GUEST),
                new Endpoint("POST", "holds", Caller.NOBODY),
                new Endpoint("GET", "holds/{hold}", Caller.BUYER),
                new Endpoint("DELETE", "holds/{guestHold}", Caller.GUEST),
                new Endpoint("POST", "orders", Caller.BUYER),
                new Endpoint("POST", "orders", Caller.GUEST),
                new Endpoint("GET", "orders", Caller.BUYER),
                new Endpoint("GET", "orders/{order}", Caller.BUYER),
                new Endpoint("POST", "payments/callback/sandbox", Caller.NOBODY),
                new Endpoint("POST", "payments/callback/stripe", Caller.NOBODY),
                new Endpoint("POST", "payments/callback/{junk}", Caller.NOBODY),
                new Endpoint("GET", "sandbox/pay/{junk}", Caller.NOBODY),
                new Endpoint("POST", "sandbox/pay/{junk}", Caller.NOBODY),
                new Endpoint("POST", "manage/venues", Caller.STAFF),
                new Endpoint("GET", "manage/venues", Caller.STAFF),
                new Endpoint("POST", "manage/events", Caller.STAFF),
                new Endpoint("GET", "manage/events", Caller.STAFF),
                new Endpoint("GET", "manage/events/{event}", Caller.STAFF),
                new Endpoint("POST", "manage/events/{event}/ticket-types", Caller.STAFF),
                new Endpoint("PUT", "manage/events/{event}/status", Caller.STAFF),
                new Endpoint("POST", "manage/coupons", Caller.STAFF),
                new Endpoint("GET", "manage/coupons", Caller.STAFF),
                new Endpoint("GET", "manage/checkout", Caller.STAFF),
                new Endpoint("PUT", "manage/checkout", Caller.STAFF),
                new Endpoint("GET", "manage/payments", Caller.STAFF),
                new Endpoint("PUT", "manage/payments/sandbox", Caller.STAFF),
                new Endpoint("PUT", "manage/payments/{junk}", Caller.STAFF),
                new Endpoint("GET", "manage/orders", Caller.STAFF),
                new Endpoint("GET", "manage/orders/stuck", Caller.STAFF),
                new Endpoint("GET", "manage/orders/{order}", Caller.STAFF),
                new Endpoint("POST", "manage/orders/{order}/cancel", Caller.STAFF),
                new Endpoint("POST", "manage/orders/{order}/check-payment", Caller.STAFF),
                new Endpoint("POST", "manage/orders/{order}/reviewed", Caller.STAFF),
                new Endpoint("POST", "manage/orders/{order}/refunds", Caller.STAFF),
                new Endpoint("GET", "manage/checkout/audit", Caller.STAFF),
                new Endpoint("POST", "manage/buyers/export", Caller.STAFF),
                new Endpoint("POST", "manage/buyers/erase", Caller.STAFF));
    }

    /** Ids no shop has: huge, negative, not numbers, not UUIDs, traversal, encodings, unicode. */
    private static final List<String> HOSTILE_IDS = List.of("0", "-1", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999999", "1e9", "0x10", "%20", "..%2F..%2Fetc%2Fpasswd", "..;", "%2e%2e", "%00", "%ZZ",
            "%C0%AE%C0%AE", "%F0%9F%92%A3", "%E2%80%AE", "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffffff", "null", "undefined", "a".repeat(3000), "%u0041", "'%20OR%201=1--",
            "%3Cscript%3E", "1;DROP%20TABLE%20event", "$%7Bjndi:ldap://x%7D");

    private static final String DEEP = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    private static final String DEEP_OBJECTS = "{\"x\":".repeat(50_000) + "1" + "}".repeat(50_000);
    private static final String HUGE = "x".repeat(300_000);

    /** Field names the APIs read, so wrong types and sizes reach the code that reads them. */
    private static final List<String> FIELDS = List.of("name", "city", "country", "timeZone", "address", "venueId", "title",
            "category", "description", "startsAt", "endsAt", "holdMinutes", "price", "capacity", "maxPerOrder", "maxPerBuyer",
            "saleStartsAt", "saleEndsAt", "status", "code", "percentOff", "amountOff", "usageLimit", "validFrom", "validUntil",
            "eventIds", "ticketTypeIds", "guestCheckout", "ticketTypeId", "quantity", "items", "holdIds", "couponCode", "buyer",
            "lines", "restock", "reason", "secretKey", "webhookSecret", "outage", "id", "type", "paymentRef", "amountMinor",
            "currency", "created");

    private static final List<String> ODD_VALUES = List.of("null", "true", "-1", "0", "1.5", "1e400", "-1e400",
            "99999999999999999999999999999999", "9223372036854775808", "\"\"", "\" \"", "\"" + HUGE + "\"", "[]", "{}",
            "[null]", "[\"x\"]", "[1e400]", "{\"amount\":\"1e999999\",\"currency\":\"EUR\"}",
            "{\"amount\":\"12345678901234567890123\",\"currency\":\"EUR\"}", "{\"amount\":1e-400,\"currency\":\"XXX\"}",
            "\"\\u0000\"", "\"\\ud800\"", "\"9999-12-31T23:59:59+18:00\"", "\"-999999999-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"2026-02-30T00:00:00Z\"", "[{\"ticketTypeId\":1e300,\"quantity\":-5}]",
            "[{\"ticketTypeId\":" + Long.MAX_VALUE + ",\"quantity\":2147483648}]", "{\"email\":\"" + "a".repeat(5000)
                    + "@x.test\",\"name\":\"" + "n".repeat(5000) + "\"}", "\"" + "é".repeat(5000) + "\"");

    private static final List<byte[]> HOSTILE_BODIES = List.of(
            new byte[0], bytes(" "), bytes("null"), bytes("[]"), bytes("\"x\""), bytes("42"), bytes("{"), bytes("{}}"),
            bytes(DEEP), bytes(DEEP_OBJECTS), bytes("[".repeat(200_000)), bytes("{\"a\":\"" + HUGE + "\"}"),
            bytes("{\"a\":" + "1".repeat(100_000) + "}"), bytes("{\"a\":1e99999999}"), bytes("{\"a\":-0.0e-99999999}"),
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '"', '}'},
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
            bytes("{\"a\":1,\"a\":2,\"a\":{\"a\":[]}}"), bytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
            bytes("action=pay&action=decline&duplicates=999999999&delayMs=-1"), bytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--"));

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=x-no-such-charset", "application/json; charset=utf-16", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "multipart/form-data",
            "*/*", "application/", ";;;", "application/json\u0000");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
            "PROPFIND", "FOO");

    @Test
    void noHostileRequestGetsA5xxOrAStackTrace() throws Exception {
        prepare();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        // Every endpoint with every hostile body as JSON, then with hostile ids in every id position.
        for (Endpoint e : endpoints()) {
            for (byte[] body : HOSTILE_BODIES) {
                cases++;
                check(failures, e.method(), path(e, null), headers(e.caller(), "application/json", random), body);
            }
            if (e.path().contains("{")) {
                for (String id : HOSTILE_IDS) {
                    cases++;
                    check(failures, e.method(), path(e, id), headers(e.caller(), "application/json", random),
                            e.method().equals("GET") || e.method().equals("DELETE") ? null : bytes("{}"));
                }
            }
        }
        // Then random mixes: a field of a wrong type or size, a content type, a method, an id.
        for (int i = 0; i < RANDOM_CASES; i++) {
            Endpoint e = endpoints().get(random.nextInt(endpoints().size()));
            String method = random.nextInt(5) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : e.method();
            String contentType = random.nextInt(4) == 0 ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())) : "application/json";
            String id = e.path().contains("{") && random.nextInt(3) == 0 ? HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())) : null;
            cases++;
            check(failures, method, path(e, id), headers(e.caller(), contentType, random), bytes(randomBody(random)));
        }
        // Signatures no provider sends: huge, negative and unreadable timestamps.
        for (String signature : List.of("t=99999999999999999999,v1=00", "t=9223372036854775807,v1=00", "t=-9223372036854775808,v1=00",
                "t=31556889864403199,v1=00", "t=,v1=", "t=1,v1=zz", "v1=" + "0".repeat(100_000), ",,,,=,=")) {
            cases++;
            check(failures, "POST", shop + "payments/callback/sandbox", Map.of("Content-Type", "application/json",
                    "Sandbox-Signature", signature), bytes("{\"id\":\"e\",\"type\":\"payment.paid\",\"paymentRef\":\"x\","
                    + "\"amountMinor\":1,\"currency\":\"EUR\",\"created\":99999999999999999}"));
        }
        // The sandbox's form and the one-click unsubscribe with bodies of other types, or none (the sandbox page's
        // @FormParam once made these a 500), and tokens no shop made.
        String longRef = "a".repeat(3000);
        for (String contentType : java.util.Arrays.asList("*/*", "text/plain", "application/json", null)) {
            Map<String, String> typed = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
            for (String target : List.of("sandbox/pay/" + longRef, "sandbox/pay/sbx_0", "unsubscribe/" + longRef, "unsubscribe/x.y")) {
                cases++;
                check(failures, "POST", shop + target, typed, contentType == null ? null : bytes("x".repeat(300_000)));
            }
        }
        // The shop's own pages with hostile paths and query strings.
        for (String page : List.of("", "index.xhtml?x=%ZZ", "manage/", "account/profile.xhtml", "signin?returnTo=%ZZ",
                "signin/callback?code=x&state=" + "s".repeat(5000), "signin/callback?state=", "events?from=%00",
                "..%2F..%2F", "api/..;/manage/", "api/%2e%2e/manage/", "/api//events", "api/events?limit=99999999999999999999",
                "api/events?from=+999999999-12-31T23:59:59Z", "api/events?category=" + "c".repeat(6000), "api/events?venue=-0x1",
                "api/events?to=1970-01-01&from=2999-01-01", "unsubscribe?t=" + "t".repeat(5000), "unsubscribe?t=%00",
                "orders/" + java.util.UUID.randomUUID() + "/tickets.pdf?key=%ZZ", "manage/messages.xhtml?kind=%00&language=" + "l".repeat(3000))) {
            cases++;
            check(failures, "GET", shop.replace("api/", "") + page, Map.of(), null);
        }
        assertThat(failures).as(failures.size() + " of " + cases + " hostile requests answered badly").isEmpty();
        assertThat(cases).isBetween(1_000, 5_000);
    }

    /** Over-long text for a field that has a column behind it is a 4xx naming the field, never a 503. */
    @Test
    void overLongBuyerNameAndRefundReasonAreRefusedNamingTheField() throws Exception {
        prepare();
        RawHttp.Reply hold = ok(call("POST", "holds", buyer, "{\"ticketTypeId\":" + ids.get("type") + ",\"quantity\":1}"));
        RawHttp.Reply order = send("POST", shop + "orders", Map.of("Authorization", "Bearer " + buyer,
                "Content-Type", "application/json", "Idempotency-Key", "fuzz-long-name-1"),
                bytes("{\"holdIds\":[\"" + field(hold.body(), "holdId") + "\"],\"buyer\":{\"email\":\"b@fuzz.test\",\"name\":\""
                        + "n".repeat(5_000) + "\"}}"));
        assertThat(order.status()).as(order.body()).isBetween(400, 422);
        assertThat(order.body()).contains("\"field\":\"buyer.name\"").contains("200");

        RawHttp.Reply refund = send("POST", shop + "manage/orders/" + ids.get("order") + "/refunds", Map.of(
                "Authorization", "Bearer " + staff, "Content-Type", "application/json", "Idempotency-Key", "fuzz-refund-01"),
                bytes("{\"restock\":true,\"reason\":\"" + "r".repeat(5_000) + "\"}"));
        assertThat(refund.status()).as(refund.body()).isBetween(400, 422);
        assertThat(refund.body()).contains("\"field\":\"reason\"").contains("500");
    }

    /** Headers on pages and API answers, the session cookie's SameSite, and staff POSTs that no cross-site form can send. */
    @Test
    void browsersGetTheDefencesAndCrossSiteFormsAreRefused() throws Exception {
        prepare();
        for (String path : List.of(shop.replace("api/", ""), shop + "events", shop + "no-such-thing")) {
            RawHttp.Reply reply = send("GET", path, Map.of(), null);
            assertThat(reply.header("Content-Security-Policy")).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(reply.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
        }
        RawHttp.Reply signIn = send("GET", shop.replace("api/", "") + "signin?returnTo=/", Map.of(), null);
        assertThat(signIn.headerLines()).filteredOn(h -> h.regionMatches(true, 0, "Set-Cookie: JSESSIONID", 0, 22))
                .isNotEmpty().allSatisfy(h -> assertThat(h).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));

        // The three staff actions that took no body now take JSON only: an HTML form's content type is 415.
        for (String action : List.of("cancel", "reviewed", "check-payment")) {
            RawHttp.Reply form = send("POST", shop + "manage/orders/" + ids.get("order") + "/" + action, Map.of(
                    "Authorization", "Bearer " + staff, "Content-Type", "application/x-www-form-urlencoded"), bytes("x=1"));
            assertThat(form.status()).as(action + ": " + form.body()).isEqualTo(415);
        }
        // API clients that send no body (and so no content type) are not affected.
        RawHttp.Reply bare = send("POST", shop + "manage/orders/" + ids.get("order") + "/check-payment",
                Map.of("Authorization", "Bearer " + staff), null);
        assertThat(bare.status()).as(bare.body()).isNotEqualTo(415).isLessThan(500);
        // A cookie-carrying POST from another site is refused before it reaches anything; from this site it goes on.
        Map<String, String> crossSite = Map.of("Cookie", "JSESSIONID=whatever", "Origin", "http://evil.test",
                "Content-Type", "application/json");
        assertThat(send("POST", shop + "manage/orders/" + ids.get("order") + "/cancel", crossSite, bytes("{}")).status()).isEqualTo(403);
        assertThat(send("POST", shop + "holds", Map.of("Cookie", "JSESSIONID=x", "Sec-Fetch-Site", "cross-site",
                "Content-Type", "application/json"), bytes("{}")).status()).isEqualTo(403);
        assertThat(send("POST", shop + "holds", Map.of("Cookie", "JSESSIONID=x", "Origin", "http://" + base.getHost() + ":" + base.getPort(),
                "Sec-Fetch-Site", "same-origin", "Content-Type", "application/json"), bytes("{}")).status()).isNotEqualTo(403);
    }

    private String randomBody(Random random) {
        StringBuilder out = new StringBuilder("{");
        int fields = 1 + random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(FIELDS.get(random.nextInt(FIELDS.size()))).append("\":");
            String value = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
            if (value.equals("\"x\"") && ids.containsKey("type")) {
                value = ids.get("type");
            }
            out.append(value);
        }
        return out.append('}').toString();
    }

    private String path(Endpoint e, String hostileId) {
        String path = e.path();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String real = hostileId != null ? hostileId : ids.getOrDefault(m.group(1), "junk-" + m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(real));
        }
        m.appendTail(out);
        return shop + out;
    }

    private Map<String, String> headers(Caller caller, String contentType, Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Idempotency-Key", random.nextBoolean() ? "fuzz-" + random.nextInt(1_000_000) : "\u00ff\u00fe bad key");
        switch (caller) {
            case BUYER -> headers.put("Authorization", "Bearer " + buyer);
            case STAFF -> headers.put("Authorization", "Bearer " + staff);
            case GUEST -> headers.put("Guest-Token", random.nextInt(4) == 0 ? "x".repeat(random.nextInt(200)) : guestToken);
            default -> {
            }
        }
        if (random.nextInt(10) == 0) {
            headers.put("Authorization", List.of("Bearer", "Bearer " + "a.b.c", "Basic Zm9vOmJhcg==", "Bearer " + "x".repeat(6000),
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get(random.nextInt(5)));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Accept", List.of("application/xml", "text/html", "*/*;q=x", "application/json;q=0").get(random.nextInt(4)));
        }
        return headers;
    }

    private void check(List<String> failures, String method, String path, Map<String, String> headers, byte[] body) {
        RawHttp.Reply reply;
        try {
            reply = send(method, path, headers, body);
        } catch (RuntimeException e) {
            failures.add(method + " " + RawHttp.abbreviate(path) + " -> no answer: " + e.getMessage());
            return;
        }
        boolean serverError = reply.status() >= 500;
        Matcher leak = LEAK.matcher(reply.body());
        if (serverError || leak.find()) {
            failures.add(method + " " + RawHttp.abbreviate(path) + " " + headers.get("Content-Type") + " body "
                    + RawHttp.abbreviate(body == null ? "-" : new String(body, StandardCharsets.ISO_8859_1)) + " -> " + reply.status()
                    + " " + RawHttp.abbreviate(reply.body().replaceAll("\\s+", " ")));
        }
    }

    private RawHttp.Reply call(String method, String apiPath, String token, String json) {
        return send(method, shop + apiPath, Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                json == null ? null : bytes(json));
    }

    private RawHttp.Reply send(String method, String path, Map<String, String> headers, byte[] body) {
        return http.send(method, path, headers, body);
    }

    private static RawHttp.Reply ok(RawHttp.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply;
    }

    private static String id(RawHttp.Reply reply) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(reply.body());
        assertThat(m.find()).as(reply.body()).isTrue();
        return m.group(1);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
