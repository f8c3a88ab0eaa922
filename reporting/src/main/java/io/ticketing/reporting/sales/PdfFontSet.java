package io.ticketing.reporting.sales;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's font set for text drawn straight onto PDF pages, as {@code fonts.xml}'s "Report Sans" is for Jasper:
 * each character in the first font that has it, Noto Sans SC and then DejaVu Sans, both embedded (Identity-H, so only
 * the glyphs used are carried). Measures, wraps and draws; the fonts are loaded once and shared (they are read only;
 * each document records its own glyphs).
 */
final class PdfFontSet {

    private static final class Loaded {
        static final PdfFontSet REPORT = new PdfFontSet(
                load("NotoSansSC-Regular.ttf", "/io/ticketing/reporting/fonts/NotoSansSC-Regular.ttf"),
                load("DejaVuSans.ttf", "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf"));

        private static BaseFont load(String name, String resource) {
            try (InputStream in = PdfFontSet.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing: the report's fonts are not on the class path");
                }
                return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DocumentException e) {
                throw new IllegalStateException("Cannot read the font " + resource, e);
            }
        }
    }

    /** A stretch of text drawn by one font. */
    record Run(BaseFont font, String text) {
    }

    private final BaseFont primary;
    private final BaseFont fallback;

    private PdfFontSet(BaseFont primary, BaseFont fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    static PdfFontSet report() {
        return Loaded.REPORT;
    }

    /** From one baseline to the next, as Jasper sets a line of the primary font. */
    float lineHeight(float size) {
        return ascent(size) - primary.getFontDescriptor(BaseFont.AWT_DESCENT, size)
                + primary.getFontDescriptor(BaseFont.AWT_LEADING, size);
    }

    float ascent(float size) {
        return primary.getFontDescriptor(BaseFont.AWT_ASCENT, size);
    }

    private BaseFont fontFor(int codePoint) {
        return primary.charExists(codePoint) || !fallback.charExists(codePoint) ? primary : fallback;
    }

    /** The text cut where the font changes; one run when the primary font has every character (nearly always). */
    List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>(1);
        BaseFont current = null;
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            BaseFont font = fontFor(codePoint);
            if (font != current) {
                if (current != null) {
                    runs.add(new Run(current, text.substring(start, i)));
                }
                current = font;
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (current != null) {
            runs.add(new Run(current, text.substring(start)));
        }
        return runs;
    }

    float width(String text, float size) {
        float width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += fontFor(codePoint).getWidthPoint(codePoint, size);
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /**
     * The paragraph broken into lines no wider than {@code width}: after the last space that fits, or between two
     * characters where a word alone is too wide (Chinese has no spaces and breaks anywhere).
     */
    List<String> wrap(String paragraph, float width, float size) {
        List<String> lines = new ArrayList<>(2);
        int start = 0;
        int lastSpace = -1;
        float lineWidth = 0;
        for (int i = 0; i < paragraph.length(); ) {
            int codePoint = paragraph.codePointAt(i);
            float w = fontFor(codePoint).getWidthPoint(codePoint, size);
            if (lineWidth + w > width && i > start && codePoint != ' ') {
                if (lastSpace > start) {
                    lines.add(paragraph.substring(start, lastSpace));
                    start = lastSpace + 1;
                    lineWidth = width(paragraph.substring(start, i), size);
                } else {
                    lines.add(paragraph.substring(start, i));
                    start = i;
                    lineWidth = 0;
                }
                lastSpace = -1;
            }
            if (codePoint == ' ') {
                lastSpace = i;
            }
            lineWidth += w;
            i += Character.charCount(codePoint);
        }
        lines.add(paragraph.substring(start));
        return lines;
    }

    /** Draws one line of text with its baseline's left end at (x, y); the caller has begun a text block. */
    void show(PdfContentByte content, String text, float x, float y, float size) {
        content.setTextMatrix(x, y);
        for (Run run : runs(text)) {
            content.setFontAndSize(run.font(), size);
            content.showText(run.text());
        }
    }
}
