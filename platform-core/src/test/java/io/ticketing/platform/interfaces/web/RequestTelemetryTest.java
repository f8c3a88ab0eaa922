package io.ticketing.platform.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request id and the log line (pure logic; the filter on real nodes is NodeHealthIT's). */
class RequestTelemetryTest {

    @Test
    void aLoadBalancersIdIsKeptAndAnythingElseReplaced() {
        assertThat(RequestTelemetry.id("lb-7f3a.91:2")).isEqualTo("lb-7f3a.91:2");
        assertThat(RequestTelemetry.id(null)).matches("[0-9a-f]{16}");
        assertThat(RequestTelemetry.id("x".repeat(65))).as("too long").matches("[0-9a-f]{16}");
        assertThat(RequestTelemetry.id("a b\nforged log line")).as("no spaces or line breaks into the log").matches("[0-9a-f]{16}");
        assertThat(RequestTelemetry.id(null)).isNotEqualTo(RequestTelemetry.id(null));
    }

    @Test
    void theLineNamesTheRouteTheShopAndTheIdAsTextOrJson() {
        RequestTelemetry telemetry = new RequestTelemetry();
        assertThat(telemetry.line("GET", "/api/events/{id}", 200, 12_345_678, "demo", "abc"))
                .isEqualTo("GET /api/events/{id} 200 12.3 ms tenant=demo id=abc");
        telemetry.json = true;
        assertThat(telemetry.line("POST", "/api/holds", 409, 2_000_000, "demo", "abc"))
                .isEqualTo("{\"type\":\"request\",\"method\":\"POST\",\"route\":\"/api/holds\",\"status\":409,\"ms\":2.0,"
                        + "\"tenant\":\"demo\",\"id\":\"abc\"}");
    }
}
