package io.ticketing.storefront.shop;

import io.ticketing.platform.testsupport.Bundles;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.shared.Money;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storefront's bundle: every language has every key with the same placeholders, German and
 * Chinese are translations rather than copies, the views use only keys that exist and hold no
 * text of their own; and {@link Formats} writes dates, times and amounts the reader's way.
 */
class MessagesTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    /** Keys whose German is rightly the same as the English. */
    private static final Set<String> SAME_IN_GERMAN = Set.of("event.where", "profile.name", "format.time", "cart.ticket", "myOrders.status",
            "messages.body", "finance.method.alipay", "finance.method.wechatpay", "finance.method.unionpay",
            "finance.download.pdf", "finance.download.xlsx", "finance.download.csv");

    @ParameterizedTest
    @ValueSource(strings = {"de", "zh_CN"})
    void everyLanguageHasEveryKeyWithTheSamePlaceholders(String language) throws IOException {
        Properties english = bundle("");
        Properties translated = bundle("_" + language);
        assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            String text = translated.getProperty(key);
            assertThat(text).as(language + " " + key).isNotBlank();
            if (!key.startsWith("format.")) {
                assertThat(Bundles.placeholders(text)).as(language + " " + key).isEqualTo(Bundles.placeholders(english.getProperty(key)));
                new MessageFormat(text, Locale.forLanguageTag(language.replace('_', '-'))); // parses
            }
        }
    }

    @Test
    void germanAndChineseAreTranslatedNotCopied() throws IOException {
        Properties english = bundle("");
        Properties german = bundle("_de");
        Properties chinese = bundle("_zh_CN");
        for (String key : english.stringPropertyNames()) {
            if (!SAME_IN_GERMAN.contains(key)) {
                assertThat(german.getProperty(key)).as("de " + key).isNotEqualTo(english.getProperty(key));
            }
            if (!key.equals("format.time")) {
                assertThat(chinese.getProperty(key)).as("zh_CN " + key).matches("(?s).*[\\u3000-\\u9fff\\uff00-\\uffef].*");
            }
        }
    }

    @Test
    void englishIsTheBaseAndItsOwnFileAddsNothing() throws IOException {
        assertThat(bundle("_en")).isEmpty();
        assertThat(bundle("")).isNotEmpty();
    }

    @Test
    void viewsUseOnlyKeysThatExist() throws IOException {
        Set<String> keys = bundle("").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        Pattern key = Pattern.compile("msg\\['([^']+)']");
        for (Path view : views()) {
            Matcher m = key.matcher(Files.readString(view));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(keys).containsAll(used);
    }

    @Test
    void viewsHoldNoTextOfTheirOwn() throws IOException {
        Pattern labelled = Pattern.compile("\\s(alt|title|aria-label|placeholder)=\"([^\"#]*\\p{L}[^\"]*)\"");
        for (Path view : views()) {
            String source = Files.readString(view).replaceAll("(?s)<!--.*?-->", "").replaceAll("<!DOCTYPE[^>]*>", "");
            assertThat(labelled.matcher(source).find()).as(view + ": text in an attribute").isFalse();
            String text = source.replaceAll("#\\{[^}]*}", "").replaceAll("(?s)<[^>]*>", " ");
            assertThat(text.replaceAll("[\\s·]", "")).as(view + ": text outside the bundle").doesNotContainPattern("\\p{L}");
        }
    }

    @Test
    void datesTimesAndAmountsAreWrittenTheReadersWay() {
        ZonedDateTime shanghai = LocalDateTime.of(2030, 3, 14, 19, 30).atZone(ZoneId.of("Asia/Shanghai"));
        Money yuan = Money.ofMinor(128000, "CNY");
        Money euros = Money.ofMinor(3500000, "EUR");

        Formats english = new Formats(Locale.ENGLISH);
        assertThat(english.date(shanghai)).isEqualTo("Thu 14 Mar 2030");
        assertThat(english.time(shanghai)).isEqualTo("19:30");
        assertThat(english.money(euros)).isEqualTo("€35,000.00");
        assertThat(english.money(yuan)).isEqualTo("CN¥1,280.00");
        assertThat(english.number(12345)).isEqualTo("12,345");
        assertThat(english.text("event.left", 3)).isEqualTo("3 left");

        Formats german = new Formats(Locale.GERMAN);
        assertThat(german.date(shanghai)).isEqualTo("Do., 14. März 2030");
        assertThat(german.time(shanghai)).as("in the event's zone, not the server's").isEqualTo("19:30 Uhr");
        assertThat(german.money(euros)).isEqualTo("35.000,00\u00a0€");
        assertThat(german.number(12345)).isEqualTo("12.345");
        assertThat(german.text("event.priceFrom", german.money(yuan))).isEqualTo("ab 1.280,00\u00a0CN¥");

        Formats chinese = new Formats(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese.date(shanghai)).isEqualTo("2030年3月14日 周四");
        assertThat(chinese.money(yuan)).isEqualTo("¥1,280.00");
        assertThat(chinese.text("event.left", 3)).isEqualTo("仅剩 3 张");
        assertThat(chinese.iso(shanghai)).isEqualTo("2030-03-14T19:30+08:00");
        assertThat(chinese.money(null)).isEmpty();
    }

    @Test
    void everyDatePatternIsValid() throws IOException {
        for (String language : List.of("", "_de", "_zh_CN")) {
            Properties bundle = bundle(language);
            DateTimeFormatter.ofPattern(bundle.getProperty("format.date"));
            DateTimeFormatter.ofPattern(bundle.getProperty("format.time"));
        }
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            List<Path> views = new ArrayList<>(files.filter(p -> p.toString().endsWith(".xhtml")).toList());
            assertThat(views).hasSizeGreaterThanOrEqualTo(8);
            return views;
        }
    }

    private static Properties bundle(String suffix) {
        return Bundles.load("/io/ticketing/storefront/i18n/messages" + suffix + ".properties");
    }
}
