package io.ticketing.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request bodies: hostile shapes are the caller's 400, never an error of ours. */
class JsonFieldsTest {

    @Test
    void deeplyNestedBodiesAreMalformedNotAStackOverflow() {
        for (String body : new String[] {
                "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "{\"a\":" + "{\"b\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}",
                "{\"a\":" + "[".repeat(200_000)}) {
            assertThatThrownBy(() -> JsonFields.parse(body)).isInstanceOf(JsonFields.MalformedJsonException.class);
            assertThatThrownBy(() -> JsonFields.parse(body.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(JsonFields.MalformedJsonException.class);
        }
    }

    @Test
    void bracketsInsideStringsDoNotCountAndOrdinaryNestingPasses() {
        String brackets = "[".repeat(10_000);
        assertThat(JsonFields.parse("{\"a\":\"" + brackets + "\",\"b\":\"\\\"[[\"}").getString("a")).isEqualTo(brackets);
        assertThat(JsonFields.parse("{\"items\":[{\"ticketTypeId\":1,\"quantity\":2}],\"buyer\":{\"name\":\"x\"}}")).isNotNull();
    }

    @Test
    void otherBrokenBodiesAreMalformedToo() {
        for (String body : new String[] {"[]", "42", "\"x\"", "{", "{\"a\":1e99999999", "null"}) {
            assertThatThrownBy(() -> JsonFields.parse(body)).as(body).isInstanceOf(JsonFields.MalformedJsonException.class);
        }
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        // Read with replacement characters, or refused: either way the caller's problem, never ours.
        try {
            assertThat(JsonFields.parse(notUtf8).getString("a")).contains("\uFFFD");
        } catch (JsonFields.MalformedJsonException refused) {
            // fine too
        }
    }

    @Test
    void aTextLongerThanItsColumnNamesTheFieldAndTheLimit() {
        var json = JsonFields.parse("{\"name\":\"" + "n".repeat(201) + "\",\"reason\":\"ok\"}");
        assertThatThrownBy(() -> JsonFields.text(json, "name", "buyer.name", 200))
                .isInstanceOf(InvalidFieldException.class).hasMessage("buyer.name has at most 200 characters")
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("buyer.name");
        assertThat(JsonFields.text(json, "reason", 500)).isEqualTo("ok");
        assertThat(JsonFields.text(json, "missing", 5)).isNull();
    }
}
