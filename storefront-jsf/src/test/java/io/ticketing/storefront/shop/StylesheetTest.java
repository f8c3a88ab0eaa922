package io.ticketing.storefront.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shop's one stylesheet stays whole: every block it opens it closes, and no rule meant for every width hides in a
 * phone-only block. A lost brace once put every back-office rule after it inside {@code @media (max-width: 40rem)},
 * so desktop pages lost their styles while each part's own branch looked fine.
 */
class StylesheetTest {

    @Test
    void everyBlockClosesAndMediaBlocksHoldOnlyIndentedRules() throws Exception {
        String css = Files.readString(Path.of("src/main/webapp/resources/css/storefront.css")).replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        int lineNumber = 0;
        for (String line : css.split("\n", -1)) {
            lineNumber++;
            if (depth > 0 && !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("}")) {
                throw new AssertionError("line " + lineNumber + " starts a rule at the left margin inside an open block: " + line);
            }
            for (char c : line.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                assertThat(depth).as("line " + lineNumber + " closes more than it opened").isNotNegative();
            }
        }
        assertThat(depth).as("blocks left open at the end").isZero();
    }
}
