package io.ticketing.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.identity.testsupport.IdentityTestSettings;
import io.ticketing.platform.testsupport.RawHttp;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator WAR against a hostile client: a bounded fuzz of its API (fixed seed), paths that try
 * to slip past the console's sign-in, the browser defences, and cross-site form posts.
 */
@ExtendWith(ArquillianExtension.class)
class OperatorHostileInputIT {

    private static final Pattern LEAK = Pattern.compile(
            "(?i)exception|\\bat (java|jakarta|org|io|com|sun)\\.|\\.java:\\d+|java\\.lang\\.|org\\.(glassfish|eclipse|postgresql|jboss)"
                    + "|sqlstate|psql|stack ?trace|caused by");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive operatorWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ticketing.operator.war")));
    }

    private RawHttp http() {
        return new RawHttp(base.getHost(), base.getPort());
    }

    private String root() {
        return base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    }

    @Test
    void pathsThatLookFreeButServeAPageStillNeedSignIn() {
        for (String sneaky : List.of("api/..;/index.xhtml", "api/%2e%2e/index.xhtml", "api/..%3B/index.xhtml",
                "jakarta.faces.resource/..;/index.xhtml", "api/x/..;/..;/index.xhtml", "api;/../index.xhtml")) {
            RawHttp.Reply reply = http().send("GET", root() + sneaky, Map.of(), null);
            assertThat(reply.status()).as(sneaky + " -> " + reply.status() + " " + RawHttp.abbreviate(reply.body()))
                    .isNotEqualTo(200).isLessThan(500);
            assertThat(reply.body()).as(sneaky).doesNotContain("jakarta.faces.ViewState");
        }
    }

    @Test
    void browsersGetTheDefencesAndCrossSiteFormsAreRefused() {
        for (String path : List.of(root(), root() + "api/health", root() + "signin")) {
            RawHttp.Reply reply = http().send("GET", path, Map.of(), null);
            assertThat(reply.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'");
            assertThat(reply.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(path).isNotBlank();
        }
        RawHttp.Reply form = http().send("POST", root() + "index.xhtml", Map.of("Cookie", "JSESSIONID=stolen-by-nobody",
                "Origin", "http://evil.test", "Content-Type", "application/x-www-form-urlencoded"), "a=b".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(403);
    }

    @Test
    void noHostileApiRequestGetsA5xxOrAStackTrace() {
        String operator = IdentityTestSettings.operatorToken();
        Random random = new Random(12);
        List<String> slugs = List.of("demo-x", "0", "-1", "a".repeat(3000), "..%2F..%2Fetc", "%2e%2e", "%00", "%F0%9F%92%A3",
                "'%20OR%201=1--", "ADMIN", "operator", "x%ZZ");
        List<String> bodies = List.of("", "null", "[]", "{", "{\"slug\":" + "[".repeat(100_000) + "}", "{\"slug\":\"" + "s".repeat(300_000) + "\"}",
                "{\"slug\":1e400,\"name\":[],\"adminEmail\":{}}", "{\"slug\":\"ok-slug\",\"name\":\"" + "n".repeat(5_000)
                        + "\",\"adminEmail\":\"" + "a".repeat(400) + "@x.test\"}", "{\"branding\":{\"primaryColor\":\"\\u0000\",\"logoUrl\":\"javascript:x\"}}",
                "{\"hosts\":[" + "\"h.test\",".repeat(5_000) + "\"h.test\"]}", "{\"a\":" + "1".repeat(100_000) + "}");
        List<String> contentTypes = List.of("application/json", "text/plain", "application/json; charset=x-none", "multipart/form-data");
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (int i = 0; i < 250; i++) {
            String slug = slugs.get(random.nextInt(slugs.size()));
            String[] call = List.of(new String[] {"POST", "api/tenants"}, new String[] {"GET", "api/tenants"},
                    new String[] {"GET", "api/tenants/" + slug}, new String[] {"POST", "api/tenants/" + slug + "/suspend"},
                    new String[] {"POST", "api/tenants/" + slug + "/reactivate"}, new String[] {"DELETE", "api/tenants/" + slug + "?confirm=" + slug},
                    new String[] {"GET", "api/tenants/" + slug + "/audit?limit=" + List.of("-1", "99999999999", "x").get(random.nextInt(3))},
                    new String[] {"GET", "api/exports/" + slug}, new String[] {"PATCH", "api/tenants"}, new String[] {"GET", "api/health"})
                    .get(random.nextInt(10));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentTypes.get(random.nextInt(contentTypes.size())));
            headers.put("Authorization", random.nextInt(8) == 0 ? "Bearer x.y.z" : "Bearer " + operator);
            byte[] body = call[0].equals("GET") ? null : bodies.get(random.nextInt(bodies.size())).getBytes(StandardCharsets.UTF_8);
            cases++;
            RawHttp.Reply reply;
            try {
                reply = http().send(call[0], root() + call[1], headers, body);
            } catch (RuntimeException e) {
                failures.add(call[0] + " " + RawHttp.abbreviate(call[1]) + " -> no answer: " + e.getMessage());
                continue;
            }
            if (reply.status() >= 500 || LEAK.matcher(reply.body()).find()) {
                failures.add(call[0] + " " + RawHttp.abbreviate(call[1]) + " " + headers + " "
                        + RawHttp.abbreviate(body == null ? "-" : new String(body, StandardCharsets.UTF_8)) + " -> " + reply.status() + " "
                        + RawHttp.abbreviate(reply.body()));
            }
        }
        assertThat(failures).as(failures.size() + " of " + cases + " hostile requests answered badly").isEmpty();
    }
}
