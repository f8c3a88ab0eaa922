package io.ticketing.operator.interfaces.console;

import io.ticketing.platform.testsupport.Bundles;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketing.platform.domain.tenant.TenantStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator console's bundle: German and Chinese have every key with the same placeholders and
 * are translations, every status has a name, and the console's views use only keys that exist and
 * hold no text of their own.
 */
class ConsoleMessagesTest {

    private static final Set<String> SAME_IN_GERMAN = Set.of("tenants.name", "tenants.status", "onboard.name", "error.field");

    @Test
    void translationsAreCompleteAndReal() throws IOException {
        Properties english = bundle("");
        for (String language : new String[] {"de", "zh_CN"}) {
            Properties translated = bundle("_" + language);
            assertThat(translated.stringPropertyNames()).as(language).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                String text = translated.getProperty(key);
                assertThat(Bundles.placeholders(text)).as(language + " " + key).isEqualTo(Bundles.placeholders(english.getProperty(key)));
                new MessageFormat(text);
                if (language.equals("zh_CN") && !key.equals("error.field")) {
                    assertThat(text).as("zh_CN " + key).matches("(?s).*[\\u3000-\\u9fff\\uff00-\\uffef].*");
                }
                if (language.equals("de") && !SAME_IN_GERMAN.contains(key)) {
                    assertThat(text).as("de " + key).isNotEqualTo(english.getProperty(key));
                }
            }
        }
    }

    @Test
    void everyStatusHasAName() throws IOException {
        Properties english = bundle("");
        for (TenantStatus status : TenantStatus.values()) {
            // English keeps the API's names: operators and OperatorConsoleIT read them
            assertThat(english.getProperty("status." + status.name())).isEqualTo(status.name());
        }
        assertThat(new MessageFormat(english.getProperty("result.status"), Locale.ENGLISH).format(new Object[] {"acme", "ACTIVE"}))
                .isEqualTo("Tenant 'acme' is ACTIVE.");
    }

    @Test
    void viewsUseOnlyKeysThatExistAndHoldNoText() throws IOException {
        Set<String> keys = bundle("").stringPropertyNames();
        for (Path view : new Path[] {Path.of("src/main/webapp/index.xhtml"), Path.of("src/main/webapp/WEB-INF/templates/console.xhtml")}) {
            String source = Files.readString(view).replaceAll("(?s)<!--.*?-->", "").replaceAll("<!DOCTYPE[^>]*>", "");
            Matcher used = Pattern.compile("msg\\['([^']+)'").matcher(source);
            int count = 0;
            while (used.find()) {
                count++;
                if (!used.group(1).endsWith(".")) {
                    assertThat(keys).as(view.toString()).contains(used.group(1));
                }
            }
            assertThat(count).as(view.toString()).isPositive();
            String text = source.replaceAll("#\\{[^}]*}", "").replaceAll("(?s)<[^>]*>", " ");
            assertThat(text.replaceAll("\\s", "")).as(view + ": text outside the bundle").doesNotContainPattern("\\p{L}");
        }
    }

    private static Properties bundle(String suffix) {
        return Bundles.load("/io/ticketing/operator/i18n/messages" + suffix + ".properties");
    }
}
