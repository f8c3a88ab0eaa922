package io.ticketing.storefront;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads a PDF ticket's QR code as a door scanner would (ZXing), for the ITs that check tickets end to end. */
final class TicketScans {

    private TicketScans() {
    }

    /**
     * The page's QR code, read at the first of a few resolutions and binarizers that decodes: ZXing reading a whole page
     * now and then takes text or the logo for a finder pattern at one of them (a phone's scanner simply moves a little).
     */
    static String scanPage(PDDocument document, int page) throws Exception {
        ReaderException missed = null;
        for (int dpi : new int[] {150, 300, 200, 250, 120, 175, 350, 100}) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(page, dpi, ImageType.RGB);
            for (boolean hybrid : new boolean[] {true, false}) {
                try {
                    return scan(image, hybrid);
                } catch (ReaderException e) {
                    missed = e;
                }
            }
        }
        throw missed;
    }

    private static String scan(BufferedImage image, boolean hybrid) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(hybrid ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source)),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
