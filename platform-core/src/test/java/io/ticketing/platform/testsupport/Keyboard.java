package io.ticketing.platform.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * What axe cannot see: the page by keyboard. Walks the Tab order of a freshly loaded page and
 * checks that focus visibly changes each stop (an outline, a shadow or a background it did not have) and
 * that its text still reads at WCAG AA (4.5:1) in its focused colours.
 */
public final class Keyboard {

    private static final int MAX_STOPS = 80;

    /** One Tab stop: what it is and how it looks while focused. */
    public record Stop(String tag, String id, String text, String color, String background, String indicator) {

        /** The id as {@code #id}, else the visible text: enough to name it in an assertion. */
        public String name() {
            return id.isEmpty() ? text : "#" + id;
        }
    }

    /** How each focusable element looks before anything has focus, kept on the element for {@link #FOCUSED}. */
    private static final String BASELINE = """
            for (const e of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
              const cs = getComputedStyle(e);
              e.__unfocused = { background: cs.backgroundColor, boxShadow: cs.boxShadow,
                                outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor };
            }
            """;

    /** The focused element and whether focus changed its outline, shadow or background. */
    private static final String FOCUSED = """
            const e = document.activeElement;
            if (!e || e === document.body) { return null; }
            const cs = getComputedStyle(e);
            const clear = c => c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
            let bg = null, p = e;
            while (p && bg === null) { const c = getComputedStyle(p).backgroundColor; if (!clear(c)) { bg = c; } p = p.parentElement; }
            const before = e.__unfocused || { background: '', boxShadow: 'none', outline: '' };
            const outlineShows = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && !clear(cs.outlineColor)
                && (cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor) !== before.outline;
            const shadowShows = cs.boxShadow !== 'none' && cs.boxShadow !== before.boxShadow;
            const backgroundShows = cs.backgroundColor !== before.background && !clear(cs.backgroundColor);
            return { tag: e.tagName.toLowerCase(), id: e.id || '',
                     text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 80),
                     color: cs.color, background: bg || 'rgb(255, 255, 255)',
                     indicator: [outlineShows ? 'outline' : '', shadowShows ? 'shadow' : '', backgroundShows ? 'background' : '']
                         .filter(x => x).join('+') };
            """;

    private Keyboard() {
    }

    /**
     * Presses Tab from the top of the page until focus leaves it or comes back round, and fails on
     * a stop without a visible focus indicator or with text below 4.5:1 while focused. Call it
     * right after loading the page (focus still on the body). Returns the stops in Tab order.
     */
    public static List<Stop> assertFocusVisible(WebDriver browser, String pageName) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (js.executeScript(FOCUSED) != null) {
            throw new IllegalStateException("Keyboard.assertFocusVisible wants a freshly loaded page: focus is already on an element of " + pageName);
        }
        js.executeScript(BASELINE);
        Actions keys = new Actions(browser);
        List<Stop> stops = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < MAX_STOPS; i++) {
            keys.sendKeys(Keys.TAB).perform();
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) js.executeScript(FOCUSED);
            if (f == null) {
                break;
            }
            Stop stop = new Stop((String) f.get("tag"), (String) f.get("id"), (String) f.get("text"), (String) f.get("color"),
                    (String) f.get("background"), (String) f.get("indicator"));
            if (!stops.isEmpty() && stops.get(0).equals(stop)) {
                break; // round again
            }
            stops.add(stop);
            if (stop.indicator().isEmpty()) {
                problems.add(stop.tag() + " " + stop.name() + ": no visible focus indicator");
            }
            double contrast = contrast(stop.color(), stop.background());
            if (!stop.text().isEmpty() && contrast < 4.5) {
                problems.add(String.format("%s %s: focused text %s on %s is %.2f:1", stop.tag(), stop.name(), stop.color(),
                        stop.background(), contrast));
            }
        }
        System.out.printf("keyboard %s: %d Tab stops: %s%n", pageName, stops.size(), stops.stream().map(Stop::name).toList());
        if (stops.isEmpty()) {
            problems.add("nothing on the page takes keyboard focus");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Keyboard focus on " + pageName + ":\n- " + String.join("\n- ", problems));
        }
        return stops;
    }

    private static final Pattern RGB = Pattern.compile("rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)");

    /** WCAG 2 contrast of two computed CSS colours (rgb()/rgba(); alpha ignored). */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String css) {
        Matcher m = RGB.matcher(css);
        if (!m.find()) {
            throw new IllegalArgumentException("not an rgb() colour: " + css);
        }
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
