package io.ticketing.platform.application;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.ticketing.platform.domain.notification.NotificationKind;
import io.ticketing.platform.domain.notification.NotificationSettings;
import io.ticketing.platform.domain.shared.InvalidFieldException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of messages: the platform's default per kind and language (resources
 * {@code notifications/<kind>.<language>.txt}: a {@code Subject:} line, a blank line, the body), or the shop's own.
 * Templates are Mustache, logic-less, and see only the model they are given: maps, lists and strings, no
 * methods or fields of any object (the collector reads maps only), no partials (the loader refuses), so an organizer's
 * template can never reach data outside its own message.
 */
public final class MessageTemplates {

    /** The languages the platform writes in; any other reads as English. */
    public static final List<String> LANGUAGES = List.of("en", "de", "zh-CN");
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY = 20_000;

    private static final Mustache.TemplateLoader NO_PARTIALS = name -> {
        throw new MustacheException("a template cannot include another ({{> " + name + "}})");
    };
    private static final Mustache.Compiler TEXT = Mustache.compiler().withCollector(new MapsOnly()).withLoader(NO_PARTIALS).escapeHTML(false);
    private static final Mustache.Compiler HTML = Mustache.compiler().withCollector(new MapsOnly()).withLoader(NO_PARTIALS).escapeHTML(true);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    private static final Template LAYOUT_TEMPLATE = HTML.compile(resource("notifications/layout.html").orElseThrow());

    private MessageTemplates() {
    }

    /** Reads maps, lists and arrays only: jmustache's default collector would also call any object's getters. */
    private static final class MapsOnly extends BasicCollector {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    }

    /** A message's words before the model is filled in. */
    public record Wording(String subject, String body) {
    }

    /** A message ready to send: subject, plain text, and HTML in the shop's colours. */
    public record Rendered(String subject, String text, String html) {
    }

    /** How the HTML part looks: the shop's name, colour and logo. */
    public record Style(String shopName, String color, String logoUrl) {
    }

    /** One of the platform's languages for a requested one ({@code de-AT} is German, {@code zh} Chinese, anything else English). */
    public static String language(String requested) {
        if (requested == null || requested.isBlank()) {
            return "en";
        }
        String tag = requested.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        if (tag.startsWith("zh")) {
            return "zh-CN";
        }
        return tag.startsWith("de") ? "de" : "en";
    }

    public static Wording defaultWording(NotificationKind kind, String language) {
        String text = resource("notifications/" + kind.key() + "." + language(language) + ".txt")
                .orElseThrow(() -> new IllegalStateException("No default wording for " + kind.key() + " in " + language));
        String[] parts = text.split("\r?\n\r?\n", 2);
        if (!parts[0].startsWith("Subject: ") || parts.length < 2) {
            throw new IllegalStateException("The default wording of " + kind.key() + "." + language + " must start with 'Subject: ' and a blank line");
        }
        return new Wording(parts[0].substring("Subject: ".length()).strip(), parts[1]);
    }

    /**
     * The platform's SMS text of a message (resource {@code notifications/<kind>.sms.<language>.txt}, body only: an SMS
     * has no subject), or empty where the kind has none. Shops do not word SMS themselves yet.
     */
    public static java.util.Optional<String> smsWording(NotificationKind kind, String language) {
        return resource("notifications/" + kind.key() + ".sms." + language(language) + ".txt");
    }

    /** An SMS text filled in with {@code model}: one paragraph, its white space collapsed, so it stays short. */
    public static String renderSms(String wording, Map<String, Object> model) {
        return fill("body", wording, model).replaceAll("\\s+", " ").strip();
    }

    /** The shop's wording of this message where it has one, otherwise the platform's. */
    static Wording wording(NotificationSettings settings, NotificationKind kind, String language) {
        return settings.template(kind, language(language)).map(t -> new Wording(t.subject(), t.body()))
                .orElseGet(() -> defaultWording(kind, language));
    }

    /**
     * Fills the wording in with {@code model}. A name the model lacks, or a broken tag, is refused with a
     * message that says where ({@link InvalidFieldException}): an organizer sees it in the preview, before saving.
     */
    public static Rendered render(Wording wording, Map<String, Object> model, Style style) {
        String subject = fill("subject", wording.subject(), model).replaceAll("\\s+", " ").strip();
        String text = fill("body", wording.body(), model).strip() + "\n";
        Map<String, Object> page = Map.of(
                "subject", subject,
                "shopName", style.shopName(),
                "color", style.color(),
                "hasLogo", style.logoUrl() != null,
                "logoUrl", style.logoUrl() == null ? "" : style.logoUrl(),
                "content", paragraphs(text));
        return new Rendered(subject, text, LAYOUT_TEMPLATE.execute(page));
    }

    /** Compiled templates by their text: a shop's wording is compiled once, not once per mail (a few hundred at most). */
    private static final Map<String, Template> COMPILED = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
                    return size() > 500;
                }
            });

    private static String fill(String field, String template, Map<String, Object> model) {
        try {
            Template compiled = COMPILED.get(template);
            if (compiled == null) {
                compiled = TEXT.compile(template);
                COMPILED.put(template, compiled);
            }
            return compiled.execute(model);
        } catch (MustacheException e) {
            throw new InvalidFieldException(field, "The template's " + field + " cannot be filled in: " + e.getMessage());
        }
    }

    /** Plain text as HTML: escaped, paragraphs at blank lines, line breaks kept, addresses made links. */
    static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String escaped = escape(paragraph.strip()).replace("\n", "<br>\n");
            Matcher url = URL.matcher(escaped);
            StringBuilder linked = new StringBuilder();
            while (url.find()) {
                url.appendReplacement(linked, Matcher.quoteReplacement("<a href=\"" + url.group() + "\">" + url.group() + "</a>"));
            }
            url.appendTail(linked);
            html.append("<p>").append(linked).append("</p>\n");
        }
        return html.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static java.util.Optional<String> resource(String name) {
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? java.util.Optional.empty() : java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
