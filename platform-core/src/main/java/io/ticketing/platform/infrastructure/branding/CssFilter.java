package io.ticketing.platform.infrastructure.branding;

import com.helger.css.ECSSVersion;
import com.helger.css.decl.AbstractHasTopLevelRules;
import com.helger.css.decl.CSSDeclaration;
import com.helger.css.decl.CSSKeyframesBlock;
import com.helger.css.decl.CSSKeyframesRule;
import com.helger.css.decl.CSSMediaRule;
import com.helger.css.decl.CSSStyleRule;
import com.helger.css.decl.CSSSupportsRule;
import com.helger.css.decl.CascadingStyleSheet;
import com.helger.css.decl.ICSSTopLevelRule;
import com.helger.css.decl.IHasCSSDeclarations;
import com.helger.css.reader.CSSReader;
import com.helger.css.reader.CSSReaderSettings;
import com.helger.css.reader.errorhandler.CollectingCSSParseErrorHandler;
import com.helger.css.writer.CSSWriter;
import com.helger.css.writer.CSSWriterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An organizer's custom CSS, parsed with ph-css (as a browser would, skipping what it cannot read) and written back
 * with only what can do no harm: style rules, and the {@code @media}, {@code @supports} and {@code @keyframes} that
 * hold them. Removed, and reported: {@code @import}, {@code @font-face}, {@code @namespace}, {@code @page} and unknown
 * at-rules; any declaration that loads something or runs something ({@code url(...)}, {@code image-set(...)},
 * {@code expression(...)}, {@code behavior}, {@code -moz-binding}, {@code javascript:}), or that hides words in
 * backslash escapes; anything with a {@code <} (no way to close the page's style element). The result is what the
 * parser understood, re-serialised: never the organizer's text itself.
 */
public final class CssFilter {

    private static final Set<String> FORBIDDEN_PROPERTIES = Set.of("behavior", "-ms-behavior", "-moz-binding", "-o-link",
            "-o-link-source");
    private static final List<String> FORBIDDEN_TEXT = List.of("url(", "image-set(", "image(", "cross-fade(", "element(",
            "expression(", "javascript:", "vbscript:", "\\", "<", "@import");

    private CssFilter() {
    }

    /** The CSS kept, and a short description of each part that was removed. */
    public record Filtered(String css, List<String> removed) {
    }

    public static Filtered filter(String css) {
        if (css == null || css.isBlank()) {
            return new Filtered(null, List.of());
        }
        List<String> removed = new ArrayList<>();
        CollectingCSSParseErrorHandler errors = new CollectingCSSParseErrorHandler();
        CascadingStyleSheet sheet = CSSReader.readFromStringReader(css, new CSSReaderSettings()
                .setCSSVersion(ECSSVersion.CSS30).setBrowserCompliantMode(true).setCustomErrorHandler(errors)
                .setCustomExceptionHandler(e -> { })
                .setInterpretErrorHandler(new com.helger.css.reader.errorhandler.DoNothingCSSInterpretErrorHandler()));
        if (sheet == null) {
            return new Filtered(null, List.of("(unreadable CSS)"));
        }
        if (errors.hasParseErrors()) {
            errors.getAllParseErrors().forEach(e -> removed.add("(unreadable) " + shorten(String.valueOf(e.getErrorMessage()))));
        }
        CSSWriterSettings writing = new CSSWriterSettings(ECSSVersion.CSS30, false);
        sheet.getAllImportRules().forEach(r -> removed.add(shorten(r.getAsCSSString(writing, 0))));
        sheet.removeAllImportRules();
        sheet.getAllNamespaceRules().forEach(r -> removed.add(shorten(r.getAsCSSString(writing, 0))));
        sheet.removeAllNamespaceRules();
        filterRules(sheet, writing, removed);
        String out = new CSSWriter(writing).setWriteHeaderText(false).setWriteFooterText(false).getCSSAsString(sheet).strip();
        // the last guard: whatever the parser let through, no '<' reaches the page (a CSS escape means the same)
        out = out.replace("<", "\\3c ");
        return new Filtered(out.isEmpty() ? null : out, List.copyOf(removed));
    }

    private static void filterRules(AbstractHasTopLevelRules container, CSSWriterSettings writing, List<String> removed) {
        for (ICSSTopLevelRule rule : container.getAllRules()) {
            if (rule instanceof CSSStyleRule style) {
                if (unsafe(style.getSelectorsAsCSSString(writing, 0))) {
                    removed.add(shorten(style.getAsCSSString(writing, 0)));
                    container.removeRule(rule);
                } else {
                    filterDeclarations(style, writing, removed);
                    if (!style.hasDeclarations()) {
                        container.removeRule(rule);
                    }
                }
            } else if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
                filterRules((AbstractHasTopLevelRules) rule, writing, removed);
            } else if (rule instanceof CSSKeyframesRule keyframes) {
                for (CSSKeyframesBlock block : keyframes.getAllBlocks()) {
                    filterDeclarations(block, writing, removed);
                }
            } else {
                removed.add(shorten(rule.getAsCSSString(writing, 0)));
                container.removeRule(rule);
            }
        }
    }

    private static void filterDeclarations(IHasCSSDeclarations<?> holder, CSSWriterSettings writing, List<String> removed) {
        for (CSSDeclaration d : holder.getAllDeclarations()) {
            String text = d.getAsCSSString(writing, 0);
            if (FORBIDDEN_PROPERTIES.contains(d.getProperty().toLowerCase(Locale.ROOT)) || unsafe(text)) {
                removed.add(shorten(text));
                holder.removeDeclaration(d);
            }
        }
    }

    private static boolean unsafe(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        return FORBIDDEN_TEXT.stream().anyMatch(lower::contains);
    }

    private static String shorten(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
