package io.ticketing.platform.json;

import io.ticketing.platform.domain.shared.InvalidFieldException;
import io.ticketing.platform.domain.shared.Money;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Map;

/** Reads the fields of a JSON request body, each problem an {@link InvalidFieldException} naming its field. */
public final class JsonFields {

    /** The body is not a JSON object at all: a 400, not a 422. */
    public static final class MalformedJsonException extends RuntimeException {
        public MalformedJsonException() {
            this("The request body is not a valid JSON object");
        }

        public MalformedJsonException(String message) {
            super(message);
        }
    }

    /**
     * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()} and friends look the
     * provider up on every call (a ServiceLoader scan through the class loaders): profiling the
     * hold path showed that lookup costing about an eighth of a request's CPU.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    /** How deep a request body may nest; ours need 4. Deeper input is refused before it can exhaust a thread's stack. */
    public static final int MAX_DEPTH = 32;

    /** Parsson's own bound ({@code org.eclipse.parsson.maxDepth}, default 1000, too deep for a request thread's stack). */
    private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of("org.eclipse.parsson.maxDepth", MAX_DEPTH));

    private JsonFields() {
    }

    public static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedJsonException();
        }
        requireShallow(body);
        try {
            return READERS.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException e) {
            // Not only JsonException: Parsson's "too deeply nested" refusal is a plain RuntimeException.
            throw new MalformedJsonException();
        }
    }

    /** A body as bytes (UTF-8, or as the JSON announces itself), with the same bounds. */
    public static JsonObject parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedJsonException();
        }
        requireShallow(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
        try {
            return READERS.createReader(new ByteArrayInputStream(body)).readObject();
        } catch (RuntimeException e) {
            throw new MalformedJsonException();
        }
    }

    /**
     * Counts nesting outside strings and refuses anything deeper than {@link #MAX_DEPTH}, whatever
     * the JSON-P provider in the server does with its own limit (Payara's Parsson recurses per level).
     */
    private static void requireShallow(String body) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new MalformedJsonException("The request body nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** The text of {@code key}, refused (naming {@code field}) when longer than {@code maxLength} characters. */
    public static String text(JsonObject json, String key, String field, int maxLength) {
        return limit(field, text(json, key), maxLength);
    }

    /** The text of {@code key}, at most {@code maxLength} characters. */
    public static String text(JsonObject json, String key, int maxLength) {
        return text(json, key, key, maxLength);
    }

    /** {@code value} unless it is longer than the column that will hold it: then a problem naming the field and the limit. */
    public static String limit(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidFieldException(field, field + " has at most " + maxLength + " characters");
        }
        return value;
    }

    public static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidFieldException(key, key + " must be a string");
        }
        return s.getString();
    }

    public static Integer integer(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw new InvalidFieldException(key, key + " must be a whole number");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(key, key + " is too large");
        }
    }

    public static int integer(JsonObject json, String key, int fallback) {
        Integer value = integer(json, key);
        return value == null ? fallback : value;
    }

    public static long requiredLong(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw new InvalidFieldException(key, key + " is required, as a whole number");
        }
        return n.longValue();
    }

    /** An array of whole numbers (ids); absent means empty. */
    public static java.util.Set<Long> ids(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return java.util.Set.of();
        }
        if (!(value instanceof jakarta.json.JsonArray array)) {
            throw new InvalidFieldException(key, key + " must be an array of ids");
        }
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonNumber n) || !n.isIntegral()) {
                throw new InvalidFieldException(key, key + " must be an array of ids");
            }
            ids.add(n.longValue());
        }
        return ids;
    }

    /** An ISO date-time with offset, e.g. 2026-12-24T20:00:00+01:00. */
    public static OffsetDateTime time(JsonObject json, String key) {
        String text = text(json, key);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(key, key + " must be a date-time with offset, e.g. 2026-12-24T20:00:00+01:00");
        }
    }

    /** {@code {"amount": "45.00", "currency": "EUR"}}: exact, with no more decimals than the currency has. */
    /** Money as the APIs write it: {@code {"amount": "24.50", "currency": "EUR"}}, the form {@link #money(JsonObject, String)} reads. */
    public static jakarta.json.JsonObjectBuilder money(Money amount) {
        return JSON.createObjectBuilder().add("amount", amount.amount().toPlainString())
                .add("currency", amount.currency().getCurrencyCode());
    }

    public static Money money(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (!(value instanceof JsonObject money)) {
            throw new InvalidFieldException(key, key + " is required: {\"amount\": \"45.00\", \"currency\": \"EUR\"}");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(String.valueOf(text(money, "currency")));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(key, key + ".currency must be an ISO 4217 code such as EUR");
        }
        BigDecimal amount;
        try {
            JsonValue raw = money.get("amount");
            amount = raw instanceof JsonNumber n ? n.bigDecimalValue() : new BigDecimal(String.valueOf(text(money, "amount")));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(key, key + ".amount must be a decimal number such as \"45.00\"");
        }
        try {
            return new Money(amount.movePointRight(Math.max(0, currency.getDefaultFractionDigits())).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(key, key + ".amount has more decimals than " + currency + " allows");
        }
    }
}
