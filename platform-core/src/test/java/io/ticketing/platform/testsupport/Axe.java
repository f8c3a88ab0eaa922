package io.ticketing.platform.testsupport;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the copy bundled in Deque's axe for Selenium, so nothing is fetched at test time) on
 * the page the browser shows. The gate of issue 12: any {@code serious} or {@code critical}
 * violation fails the test; {@code minor} and {@code moderate} ones are only logged. Every run
 * leaves its full result in {@code target/axe/<pageName>.json} for a person to read.
 */
public final class Axe {

    /** WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, one h1, ...). */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
            "best-practice");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Axe() {
    }

    /** What axe found on one page: the violations that fail the gate and those that are only reported. */
    public record Report(String pageName, String url, List<Rule> blocking, List<Rule> reported, int needsReview) {

        public boolean clean() {
            return blocking.isEmpty();
        }

        /** One line per rule (id, impact, help) with the selectors of the elements it found. */
        public String describe(List<Rule> rules) {
            return rules.stream().map(Axe::describe).collect(Collectors.joining("\n"));
        }
    }

    /** Runs axe on the current page, writes target/axe/{pageName}.json and logs what it found; fails nothing. */
    public static Report check(WebDriver browser, String pageName) {
        Results results = new AxeBuilder().withTags(TAGS).analyze(browser);
        if (results.isErrored()) {
            throw new IllegalStateException("axe could not check " + pageName + ": " + results.getErrorMessage());
        }
        write(pageName, results);
        List<Rule> violations = results.getViolations() == null ? List.of() : results.getViolations();
        List<Rule> blocking = violations.stream().filter(r -> BLOCKING.contains(r.getImpact())).toList();
        List<Rule> reported = violations.stream().filter(r -> !BLOCKING.contains(r.getImpact())).toList();
        int incomplete = results.getIncomplete() == null ? 0 : results.getIncomplete().size();
        Report report = new Report(pageName, results.getUrl(), blocking, reported, incomplete);
        System.out.printf("axe %s (%s): %d serious/critical, %d minor/moderate, %d to review by hand%n",
                pageName, shortened(results.getUrl()), blocking.size(), reported.size(), incomplete);
        if (!reported.isEmpty()) {
            System.out.println(report.describe(reported));
        }
        return report;
    }

    /** Fails with every serious or critical violation on the current page, named by rule and element. */
    public static void assertClean(WebDriver browser, String pageName) {
        Report report = check(browser, pageName);
        if (!report.clean()) {
            throw new AssertionError("axe found " + report.blocking().size() + " serious or critical accessibility violation(s) on "
                    + pageName + " (" + report.url() + "), full result in target/axe/" + fileName(pageName) + ":\n"
                    + report.describe(report.blocking()));
        }
    }

    private static String describe(Rule rule) {
        String where = rule.getNodes() == null ? "" : rule.getNodes().stream()
                .map(Axe::selector).collect(Collectors.joining(", "));
        return "- " + rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " (" + rule.getHelpUrl() + ")\n    at " + where;
    }

    private static String selector(CheckedNode node) {
        Object target = node.getTarget();
        // A list of selectors (one per frame or shadow root on the way), or one selector.
        return target instanceof List<?> path ? path.stream().map(String::valueOf).collect(Collectors.joining(" >>> "))
                : String.valueOf(target);
    }

    private static void write(String pageName, Results results) {
        try {
            Path dir = Path.of("target", "axe");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(fileName(pageName)), JSON.writeValueAsString(results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortened(String url) {
        return url == null || url.length() <= 100 ? url : url.substring(0, 100) + "...";
    }

    private static String fileName(String pageName) {
        return pageName.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }
}
