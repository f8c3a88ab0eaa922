package io.ticketing.reporting.tickets;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Dimension2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.BitSet;
import java.util.Map;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.renderers.AbstractRenderer;
import net.sf.jasperreports.renderers.DimensionRenderable;
import net.sf.jasperreports.renderers.Graphics2DRenderable;

/**
 * A ticket's QR code, drawn into the PDF as vector squares: sharp at any zoom and on any printer, a few
 * hundred bytes, and no image to encode and decode per ticket (a PNG of it cost more than the rest of the page).
 */
final class QrCodes extends AbstractRenderer implements Graphics2DRenderable, DimensionRenderable {

    private static final long serialVersionUID = 1L;

    /** The quiet zone around the code, in modules, that scanners need (the standard's 4). */
    private static final int QUIET_ZONE = 4;

    private final int size;
    private final BitSet dark;

    private QrCodes(BitMatrix matrix) {
        size = matrix.getWidth();
        dark = new BitSet(size * size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                dark.set(y * size + x, matrix.get(x, y));
            }
        }
    }

    /** Error correction M (15 %): survives a crease or a scratched phone screen without growing the code much. */
    static QrCodes of(String text) {
        try {
            return new QrCodes(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE)));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot make a QR code of " + text.length() + " characters", e);
        }
    }

    @Override
    public void render(JasperReportsContext context, Graphics2D g, Rectangle2D area) {
        double module = Math.min(area.getWidth(), area.getHeight()) / size;
        double left = area.getX() + (area.getWidth() - module * size) / 2;
        double top = area.getY() + (area.getHeight() - module * size) / 2;
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(left, top, module * size, module * size));
        // One path of every dark run, filled once: separate squares would leave hairline seams where viewers anti-alias.
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; ) {
                if (!dark.get(y * size + x)) {
                    x++;
                    continue;
                }
                int end = x;
                while (end < size && dark.get(y * size + end)) {
                    end++;
                }
                path.append(new Rectangle2D.Double(left + x * module, top + y * module, (end - x) * module, module), false);
                x = end;
            }
        }
        g.setColor(Color.BLACK);
        g.fill(path);
    }

    @Override
    public Dimension2D getDimension(JasperReportsContext context) {
        return new java.awt.Dimension(size, size);
    }

    /** Modules per side, quiet zone included. */
    int modules() {
        return size;
    }
}
