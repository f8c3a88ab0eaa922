package io.ticketing.reporting.sales;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Dimension2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.FontUtil;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.DimensionRenderable;
import net.sf.jasperreports.renderers.Graphics2DRenderable;

/**
 * Net sales per day in one currency as a bar chart, drawn with Java2D when the page is exported: vectors in the PDF
 * (sharp at any zoom, a few KB for a year of days), a picture in the XLSX. Every day of the period has its place,
 * days without sales stay empty, so gaps read as gaps. Its words (amounts, days) are drawn as the outlines of the
 * report's font: a PDF font the chart used would not be the embedded one.
 */
final class NetSalesChart extends AbstractRenderer implements Graphics2DRenderable, DimensionRenderable {

    private static final long serialVersionUID = 1L;
    static final int WIDTH = 802;
    static final int HEIGHT = 150;
    private static final String FONT = "Noto Sans SC";
    private static final Color INK = new Color(0x59636E);
    private static final Color GRID = new Color(0xD0D7DE);

    private final LocalDate first;
    private final double[] net;
    private final String moneyPattern;
    private final Locale locale;
    private final Color bars;

    /** {@code net} per day from {@code first} on, in major units. */
    NetSalesChart(LocalDate first, double[] net, String moneyPattern, Locale locale, Color bars) {
        this.first = first;
        this.net = net.clone();
        this.moneyPattern = moneyPattern;
        this.locale = locale;
        this.bars = bars;
    }

    static NetSalesChart of(LocalDate from, LocalDate to, Map<LocalDate, BigDecimal> netByDay, String moneyPattern,
                            Locale locale, Color bars) {
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        double[] net = new double[days];
        netByDay.forEach((day, amount) -> {
            int index = (int) (day.toEpochDay() - from.toEpochDay());
            if (index >= 0 && index < days) {
                net[index] += amount.doubleValue();
            }
        });
        return new NetSalesChart(from, net, moneyPattern, locale, bars);
    }

    @Override
    public void render(JasperReportsContext context, Graphics2D g, Rectangle2D area) {
        Font font = FontUtil.getInstance(context).getAwtFontFromBundles(FONT, Font.PLAIN, 7f, locale, true);
        if (font == null) {
            font = new Font(Font.SANS_SERIF, Font.PLAIN, 7);
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.translate(area.getX(), area.getY());
            g2.scale(area.getWidth() / WIDTH, area.getHeight() / HEIGHT);
            draw(g2, font);
        } finally {
            g2.dispose();
        }
    }

    private void draw(Graphics2D g, Font font) {
        DecimalFormat money = new DecimalFormat(moneyPattern, DecimalFormatSymbols.getInstance(locale));
        double max = 0;
        double min = 0;
        for (double v : net) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        double top = niceCeiling(max);
        double bottom = min < 0 ? -niceCeiling(-min) : 0;
        String[] ticks = {money.format(top), money.format((top + bottom) / 2), money.format(bottom)};
        double labelWidth = 0;
        for (String t : ticks) {
            labelWidth = Math.max(labelWidth, outline(t, font, 0, 0).getBounds2D().getWidth());
        }
        double left = labelWidth + 6;
        double right = WIDTH - 4;
        double plotTop = 6;
        double plotBottom = HEIGHT - 16;
        double scale = (plotBottom - plotTop) / Math.max(top - bottom, 1e-9);
        double zero = plotBottom + bottom * scale;

        g.setStroke(new BasicStroke(0.5f));
        for (int i = 0; i < 3; i++) {
            double value = i == 0 ? top : i == 1 ? (top + bottom) / 2 : bottom;
            double y = zero - value * scale;
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, y, right, y));
            Shape label = outline(ticks[i], font, 0, 0);
            g.setColor(INK);
            g.fill(AffineTransform.getTranslateInstance(left - 4 - label.getBounds2D().getWidth(), y + 2.5)
                    .createTransformedShape(label));
        }

        double slot = (right - left) / net.length;
        double barWidth = Math.max(slot * 0.75, Math.min(slot, 0.3));
        g.setColor(bars);
        for (int day = 0; day < net.length; day++) {
            if (net[day] == 0) {
                continue;
            }
            double x = left + day * slot + (slot - barWidth) / 2;
            double y = zero - Math.max(net[day], 0) * scale;
            g.fill(new Rectangle2D.Double(x, y, barWidth, Math.abs(net[day]) * scale));
        }

        // Day labels: as many as fit without touching, always the first and the last.
        DateTimeFormatter dayFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale);
        double dayLabelWidth = outline(dayFormat.format(first), font, 0, 0).getBounds2D().getWidth() + 12;
        int step = Math.max(1, (int) Math.ceil(dayLabelWidth / slot));
        g.setColor(INK);
        for (int day = 0; day < net.length; day += step) {
            if (net.length - 1 - day < step && day != net.length - 1 && day != 0) {
                continue;
            }
            drawDay(g, font, dayFormat, day, left, slot, plotBottom);
        }
        if ((net.length - 1) % step != 0) {
            drawDay(g, font, dayFormat, net.length - 1, left, slot, plotBottom);
        }
    }

    private void drawDay(Graphics2D g, Font font, DateTimeFormatter format, int day, double left, double slot,
                         double plotBottom) {
        Shape label = outline(format.format(first.plusDays(day)), font, 0, 0);
        double width = label.getBounds2D().getWidth();
        double x = Math.max(0, Math.min(WIDTH - width, left + day * slot + slot / 2 - width / 2));
        g.fill(AffineTransform.getTranslateInstance(x, plotBottom + 11).createTransformedShape(label));
    }

    private static Shape outline(String text, Font font, double x, double y) {
        return font.createGlyphVector(new FontRenderContext(null, true, true), text).getOutline((float) x, (float) y);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: gridlines at round amounts. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    @Override
    public Dimension2D getDimension(JasperReportsContext context) {
        return new java.awt.Dimension(WIDTH, HEIGHT);
    }
}
