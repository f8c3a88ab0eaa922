package io.ticketing.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a realm template from {@code realms/}: {@code ${name}} inside a JSON string takes a
 * JSON-escaped text, {@code @{name}} stands for a whole JSON value (an array, an object, a boolean).
 * Every placeholder must be given; a missing one is an error, never an empty realm setting.
 */
public final class RealmTemplates {

    public static final String TENANT = "realms/tenant-realm.json";
    public static final String PLATFORM = "realms/platform-realm.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z]+)}|@\\{([a-zA-Z]+)}");

    private RealmTemplates() {
    }

    /**
     * @param texts  values for {@code ${name}}, escaped here
     * @param values values for {@code @{name}}, already JSON
     */
    public static String render(String template, Map<String, String> texts, Map<String, String> values) {
        String source = load(template);
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 256);
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                String text = texts.get(m.group(1));
                if (text == null) {
                    throw new IllegalArgumentException("Template " + template + " needs a value for ${" + m.group(1) + "}");
                }
                replacement = escape(text);
            } else {
                replacement = values.get(m.group(2));
                if (replacement == null) {
                    throw new IllegalArgumentException("Template " + template + " needs a value for @{" + m.group(2) + "}");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes text for use inside a JSON string literal. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A JSON array of strings. */
    public static String jsonArray(Iterable<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (String item : items) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(escape(item)).append('"');
        }
        return out.append(']').toString();
    }

    private static String load(String template) {
        try (InputStream in = RealmTemplates.class.getClassLoader().getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalArgumentException("No realm template " + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
